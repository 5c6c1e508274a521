/**
 * A name set that holds every name. FileSource.find(names) lists the entries whose
 * lower-cased name `names.has(...)`; given this set it lists every file of the source, which
 * a snapshot (and scan --exact) needs, through the same walk and the same safety rules
 * (links not followed out of the root, devices never opened) as a scan.
 */
class EveryName extends Set<string> {
  override has(): boolean {
    return true;
  }
}

/** Pass to FileSource.find to list every file. */
export const EVERY_NAME: ReadonlySet<string> = new EveryName();
