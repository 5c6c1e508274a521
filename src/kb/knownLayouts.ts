/**
 * Where products of the era install the files their KB tables list, and what they were built for.
 * An article never says where its files go; an admin knows, and so does this table, for the products
 * it names. A file the table does not know leaves the manifest without install folders (every copy
 * outside the backup folders then decides, the strict rule).
 */
import type { InstallLayout, ManifestFile, Platform } from '../model/manifest.js';

/** Exchange Server 5.0 and 5.5 (setup's default root folder `exchsrvr`): the folder of each known file. */
const EXCHANGE_FOLDERS: ReadonlyMap<string, string> = new Map([
  // The MTA, the directory, the Information Store, the OAB generator and the Administrator program: exchsrvr\bin.
  ...[
    'emsmta.exe',
    'address.dll',
    'emsrid.dll',
    'ems_rid.dll',
    'mmiext.dll',
    'mtacheck.exe',
    'mtamsg.dll',
    'x400om.dll',
    'x400omv1.dll',
    'store.exe',
    'mdbmsg.dll',
    'gapi32.dll',
    'netif.dll',
    'dsamain.exe',
    'perfdsa.dll',
    'oabgen.dll',
    'dapi.dll',
  ].map((name): [string, string] => [name, 'bin']),
  // The MTA's data files: exchsrvr\mtadata.
  ...[
    'dbserver.sch',
    'dcprods.cat',
    'info4log.cfg',
    'infoblog.cfg',
    'infodlog.cfg',
    'infollog.cfg',
    'infoplog.cfg',
    'infotlog.cfg',
    'infoxlog.cfg',
    'p2.xv2',
    'p3.tpl',
    'p772.tpl',
  ].map((name): [string, string] => [name, 'mtadata']),
  // The Internet Mail Connector: exchsrvr\connect\msexcimc\bin.
  ...['msexcimc.exe', 'imcmsg.dll'].map((name): [string, string] => [name, 'connect/msexcimc/bin']),
]);

/** The folders' order in a manifest, whichever rows come first. */
const FOLDER_ORDER = ['bin', 'mtadata', 'connect/msexcimc/bin'];

/** What is known of a product's builds and install layout. */
export interface KnownLayout {
  readonly platforms?: readonly Platform[];
  readonly install?: InstallLayout;
}

/** The platforms and install folders of a product version, when this table knows it and every file of the table. */
export function knownLayoutOf(product: string, productVersion: string | undefined, files: readonly ManifestFile[]): KnownLayout {
  if (!/\bexchange\b/i.test(product) || (productVersion !== '5.0' && productVersion !== '5.5')) return {};
  // Exchange 5.0 and 5.5 shipped for Intel and Alpha.
  const platforms: Platform[] = ['i386', 'alpha'];
  const folders = new Set<string>();
  for (const file of files) {
    const folder = EXCHANGE_FOLDERS.get(file.name.toLowerCase());
    if (folder === undefined) return { platforms };
    folders.add(folder);
  }
  return { platforms, install: { root: 'exchsrvr', folders: FOLDER_ORDER.filter((folder) => folders.has(folder)) } };
}
