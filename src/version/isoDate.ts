/** Calendar dates as manifests, ignore files and HOTFIX_VERIFY_TODAY write them: YYYY-MM-DD, a real day. */

/** True for "YYYY-MM-DD" naming a day that exists (2026-02-29 does not). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Today as YYYY-MM-DD (UTC). */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
