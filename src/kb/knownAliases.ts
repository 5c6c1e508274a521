/**
 * File names that KB articles spell differently from the files on real
 * servers. Kept to the cases the articles themselves show: each entry names
 * the evidence.
 */

interface KnownAlias {
  readonly aliases: readonly string[];
  readonly note: string;
}

const KNOWN_ALIASES: ReadonlyMap<string, KnownAlias> = new Map([
  [
    'emsrid.dll',
    {
      aliases: ['Ems_rid.dll'],
      note:
        'Q254943 prints Emsrid.dll; the other Exchange 5.0 and 5.5 MTA fixes (Q194651, Q196852, Q198392, Q193221, Q319846) name the ' +
        'same file Ems_rid.dll.',
    },
  ],
  [
    // The same disagreement seen from the other side: a server that carries Q254943's spelling
    // must not make the earlier MTA fixes report Ems_rid.dll missing.
    'ems_rid.dll',
    {
      aliases: ['Emsrid.dll'],
      note: 'Q254943 names the same MTA file Emsrid.dll; a copy under either name is judged by this row.',
    },
  ],
]);

/** Other names a file printed in a KB table is known by, with the reason; undefined for most files. */
export function knownAliasesOf(name: string): KnownAlias | undefined {
  return KNOWN_ALIASES.get(name.toLowerCase());
}
