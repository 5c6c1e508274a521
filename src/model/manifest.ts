/**
 * The manifest: what a hotfix must have put on a machine, one row per file, as the KB
 * article's file table lists it. Format version 1 (see manifests/manifest.schema.json).
 *
 * 1.1 added, all optional: install and platforms (where the product installs its files and what
 * it was built for), the platforms arm64, mips and powerpc, and the row fields kbSize and kbDate
 * (what the KB prints where it is information only); kbVersion may now also stand beside a
 * required version (the printed text of a version that was completed). A 1.0 manifest is a 1.1 manifest.
 *
 * 1.2 added, all optional, for today's updates (Windows cumulative updates, SQL Server CUs, Exchange SUs):
 * packagePlatform (the platform of the update package a table is for), serviceBranch and servicePack
 * (GDR/LDR/QFE tables and their service-pack requirement), rowBranches (a table whose files belong to
 * several products, each row judged against its own version's branch), a three-part branch
 * ("15.2.792": one Exchange cumulative update), packages (the .msu/.exe hashes, information only), and the
 * row fields serviceBranch, servicing (a .mum/.manifest/.cat of the component store) and component.
 * A 1.1 manifest is a 1.2 manifest.
 */

/** The manifest format this build reads and writes; a manifest's formatVersion must satisfy ^1.0.0. */
export const MANIFEST_FORMAT_VERSION = '1.2.0';

/** Platforms a KB table names; matched against a PE file's machine type. */
export type Platform = 'i386' | 'alpha' | 'x64' | 'ia64' | 'arm64' | 'mips' | 'powerpc';

/** Every platform, in the order help and errors list them. */
export const PLATFORMS: readonly Platform[] = ['i386', 'alpha', 'x64', 'ia64', 'arm64', 'mips', 'powerpc'];

/**
 * Where a product installs its files (format 1.1): the copies there are the ones the server
 * runs and decide a row; copies elsewhere are listed and never decide.
 */
export interface InstallLayout {
  /** The name of the product's root folder as setup creates it by default ("exchsrvr"). */
  readonly root: string;
  /** Folders under the root that hold the product's files ("bin", "mtadata"), "/"-separated. */
  readonly folders: readonly string[];
}

/** The comparison rule of a manifest. KB articles of the era say "or later". */
export type Rule = 'or-later';

/** The build language the article describes ("The English version of this fix ..."). */
export interface ManifestLanguage {
  /** English name, e.g. "English". */
  readonly name: string;
  /** Windows language id, written as hex, e.g. "0x0409". */
  readonly id: string;
}

/** One file of a KB file table. */
export interface ManifestFile {
  /** File name as the article prints it; matched case-insensitively. */
  readonly name: string;
  /** Required fixed file version "a.b.c.d" ("or later"), or null where the KB says N/A (checked by presence). */
  readonly version: string | null;
  /** Other names the same file is known by on real servers (e.g. Ems_rid.dll for Emsrid.dll). */
  readonly aliases?: readonly string[];
  /** Only copies built for this platform are judged by this row. */
  readonly platform?: Platform;
  /** Expected size in bytes; a copy of another size falls short. */
  readonly size?: number;
  /** Expected SHA-256 (hex); a copy with another digest falls short. */
  readonly sha256?: string;
  /** Folder, relative to the target, where the file is expected (information; copies elsewhere still count). */
  readonly folder?: string;
  /** For rows with no version: the KB date (YYYY-MM-DD); the copy's own timestamp must be no earlier (one day of tolerance). */
  readonly date?: string;
  /**
   * The version exactly as the KB prints it, where that is not the required version written out:
   * a data file's version, a partial, three-part or zero-padded version that was completed or
   * normalised, a version that cannot be read. Information only.
   */
  readonly kbVersion?: string;
  /** The size as the KB prints it where it is information only ("254 KB", "1.79 MB"); format 1.1. */
  readonly kbSize?: string;
  /** The date as the KB prints it where it cannot be used ("03/04/00" in an article of both date orders); format 1.1. */
  readonly kbDate?: string;
  /** Why this row is as it is (aliases, completed versions, ...). */
  readonly note?: string;
  /**
   * The service branch the article prints for this row where it differs from its manifest's ("WOW" for the
   * 32-bit files of a 64-bit package, "Not Applicable"); format 1.2. Information.
   */
  readonly serviceBranch?: string;
  /**
   * A servicing file of the update (.mum, .manifest, .cat): it lives in the component store (WinSxS\Manifests,
   * servicing\Packages, CatRoot), so copies there decide this row; format 1.2.
   */
  readonly servicing?: boolean;
  /** The component or feature the article lists the file under ("Analysis Services"); format 1.2. */
  readonly component?: string;
  /**
   * Pins the row to one path relative to the target ("/"-separated, matched case-insensitively):
   * only the copy at that path counts. Snapshot manifests set it on every row.
   */
  readonly path?: string;
}

/**
 * What a manifest describes. `kb` (the default): a KB article's file table for one product
 * branch. `snapshot`: a known-good image written by `hotfix-verify snapshot`; its rows are
 * pinned to paths and judged without the single-branch rule (an image holds many products).
 */
export type ManifestKind = 'kb' | 'snapshot';

/** A file of the update package itself (the .msu, .cab or .exe you download), with the hashes the article prints; format 1.2. */
export interface PackageFile {
  readonly name: string;
  /** SHA-1, hex. */
  readonly sha1?: string;
  /** SHA-256, hex. */
  readonly sha256?: string;
}

/** A manifest: one KB article's fix for one product branch. */
export interface Manifest {
  /** Format version of this document, semver, major 1. */
  readonly formatVersion: string;
  /** KB id, e.g. "Q254943"; unique within a catalog (a suffix like "Q254943-5.5" for a second product section). */
  readonly id: string;
  readonly title: string;
  /** Product name, e.g. "Microsoft Exchange Server". */
  readonly product: string;
  /** Product version as the article states it, e.g. "5.0". */
  readonly productVersion?: string;
  /** The product branch (major.minor; from format 1.2 also major.minor.build) the fix applies to; default: the required versions'. */
  readonly branch?: string;
  /** Component the table is headed with, e.g. "MTA". */
  readonly component?: string;
  readonly language?: ManifestLanguage;
  readonly rule: Rule;
  /** The article's date (YYYY-MM-DD), where known. */
  readonly date?: string;
  readonly files: readonly ManifestFile[];
  /** Remarks that apply to the whole manifest. */
  readonly notes?: readonly string[];
  /** Default "kb". */
  readonly kind?: ManifestKind;
  /** Where the product installs its files (format 1.1); without it, every copy outside known backup folders decides. */
  readonly install?: InstallLayout;
  /** The platforms the product was built for (format 1.1); an installed copy built for another does not meet. */
  readonly platforms?: readonly Platform[];
  /**
   * The platform of the update package this table is for ("For all supported x64-based versions of ..."); format 1.2.
   * On a server of another platform the manifest does not apply. Rows for a platform the package's platform runs
   * under WOW64 (x86 files of an x64 package) are looked for in SysWOW64, the others in System32.
   */
  readonly packagePlatform?: Platform;
  /** The service branch of the table ("GDR", "LDR", "QFE", "SP3GDR"), when the article prints several; format 1.2. */
  readonly serviceBranch?: string;
  /** The service pack the table requires ("SP3"), when the article says; format 1.2. Information. */
  readonly servicePack?: string;
  /**
   * True when the rows belong to several products (a SQL Server CU lists its own 2022.160.x files beside 16.0.x
   * and third-party ones): each versioned row is judged against the branch of its own required version; format 1.2.
   */
  readonly rowBranches?: boolean;
  /** The update package's own files and hashes, as the article prints them: information, never looked for on the target; format 1.2. */
  readonly packages?: readonly PackageFile[];
}

/** A manifest as loaded: the document plus where it came from and its resolved branch. */
export interface LoadedManifest {
  readonly manifest: Manifest;
  /** Path it was read from, or "<bundled>/Q254943.json" for built-ins. */
  readonly source: string;
  /** The branch rows are judged against (explicit or derived), or undefined when no row has a version. */
  readonly branch: string | undefined;
}
