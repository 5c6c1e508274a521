/** --max-age: a duration such as 7d, 36h, 90m or 2w, in seconds. */

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Seconds in a duration "N" + one of s, m, h, d, w (e.g. "7d"); undefined when it is not one, or is zero. */
export function parseMaxAge(text: string): number | undefined {
  const match = /^(\d{1,9})\s*([smhdw])$/i.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * (UNIT_SECONDS[match[2]!.toLowerCase()] as number);
  return seconds > 0 ? seconds : undefined;
}
