/** Archive entry names made safe to show and to match: one rule for zip, tar and WIM. */

/** A usable entry path, or why the entry's name is refused. */
export type EntryPath =
  | { readonly ok: true; readonly path: string; readonly name: string }
  | { readonly ok: false; readonly path: string; readonly reason: string };

/**
 * Normalises an archive entry's name to a "/"-separated path relative to the image root.
 * Backslashes count as separators (Windows tools write them); "." segments and repeated
 * separators are dropped. Refused, with a reason: absolute paths (also UNC "\\server"),
 * drive letters ("C:"), ".." segments, NUL characters, empty names.
 */
export function normaliseEntryPath(raw: string): EntryPath {
  const shown = raw.replace(/\\/g, '/');
  const refuse = (reason: string): EntryPath => ({ ok: false, path: shown.replace(/[\0-\x1f]/g, '?'), reason });
  if (shown.includes('\0')) return refuse('its name contains a NUL character');
  if (shown.startsWith('/')) return refuse('its path is absolute');
  if (/^[A-Za-z]:/.test(shown)) return refuse('its path starts with a drive letter');
  const segments = shown.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return refuse('its path climbs out of the image root ("..")');
  if (segments.length === 0) return refuse('its name is empty');
  return { ok: true, path: segments.join('/'), name: segments[segments.length - 1]! };
}

/** The last segment of a path as shown (for matching refused entries against manifest names). */
export function lastSegment(shownPath: string): string {
  const parts = shownPath.split('/').filter((part) => part !== '');
  return parts[parts.length - 1] ?? '';
}
