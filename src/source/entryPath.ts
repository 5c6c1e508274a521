/** Archive entry names made safe to show and to match: one rule for zip, tar and WIM. */

/**
 * A usable entry path, or why the entry's name is refused. `windowsName` marks a refusal for a
 * name Windows cannot hold as it is (a device name, a trailing dot or space, a reserved
 * character): such an entry harms only when it would be judged (named like a manifest file),
 * so the image sources skip it silently otherwise, where an escaping path makes the scan incomplete.
 */
export type EntryPath =
  | { readonly ok: true; readonly path: string; readonly name: string }
  | { readonly ok: false; readonly path: string; readonly reason: string; readonly windowsName?: true };

/** Device names Windows reserves in every folder, with any extension ("NUL.txt", "com1.dll"). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])$/i;
/** Characters no Windows file name may hold (":" would also name an alternate data stream). */
const WINDOWS_FORBIDDEN = /[<>:"|?*\x01-\x1f]/;

/**
 * Why Windows cannot hold `segment` (one name of a path) as it is, or undefined. It strips
 * trailing dots and spaces ("a.dll." is written as "a.dll", over another entry), opens a
 * device for a reserved name, and refuses reserved characters.
 */
export function windowsNameProblem(segment: string): string | undefined {
  if (/[. ]$/.test(segment)) return `its name "${segment}" ends in a dot or space, which Windows strips`;
  if (WINDOWS_DEVICE.test(segment.split('.')[0]!.replace(/ +$/, ''))) return `its name "${segment}" is a Windows device name`;
  if (WINDOWS_FORBIDDEN.test(segment))
    return `its name "${segment}" holds a character Windows does not allow (<>:"|?* or a control character)`;
  return undefined;
}

/**
 * Normalises an archive entry's name to a "/"-separated path relative to the image root.
 * Backslashes count as separators (Windows tools write them); "." segments and repeated
 * separators are dropped. Refused, with a reason: absolute paths (also UNC "\\server"),
 * drive letters ("C:"), ".." segments, NUL characters, empty names; and (marked `windowsName`)
 * names Windows cannot hold as they are (see windowsNameProblem).
 */
export function normaliseEntryPath(raw: string): EntryPath {
  const shown = raw.replace(/\\/g, '/');
  const refuse = (reason: string): EntryPath & { ok: false } => ({ ok: false, path: shown.replace(/[\0-\x1f]/g, '?'), reason });
  if (shown.includes('\0')) return refuse('its name contains a NUL character');
  if (shown.startsWith('/')) return refuse('its path is absolute');
  if (/^[A-Za-z]:/.test(shown)) return refuse('its path starts with a drive letter');
  const segments = shown.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return refuse('its path climbs out of the image root ("..")');
  if (segments.length === 0) return refuse('its name is empty');
  for (const segment of segments) {
    const problem = windowsNameProblem(segment);
    if (problem !== undefined) return { ...refuse(problem), windowsName: true };
  }
  return { ok: true, path: segments.join('/'), name: segments[segments.length - 1]! };
}

/**
 * The last segment of a path as shown, as Windows would read it (for matching refused entries against manifest names):
 * "Emsmta.exe." and "Emsmta.exe:stream" are Emsmta.exe there, so they are judged as copies of it, never passed over.
 */
export function lastSegment(shownPath: string): string {
  const parts = shownPath.split('/').filter((part) => part !== '');
  const last = parts[parts.length - 1] ?? '';
  return last.replace(/:.*$/s, '').replace(/[. ]+$/, '');
}
