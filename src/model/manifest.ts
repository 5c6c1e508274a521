/**
 * The manifest: what a hotfix must have put on a machine, one row per file, as the KB
 * article's file table lists it. Format version 1 (see manifests/manifest.schema.json).
 *
 * 1.1 added, all optional: install and platforms (where the product installs its files and what
 * it was built for), the platforms arm64, mips and powerpc, and the row fields kbSize and kbDate
 * (what the KB prints where it is information only); kbVersion may now also stand beside a
 * required version (the printed text of a version that was completed). A 1.0 manifest is a 1.1 manifest.
 */

/** The manifest format this build reads and writes; a manifest's formatVersion must satisfy ^1.0.0. */
export const MANIFEST_FORMAT_VERSION = '1.1.0';

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
  /** The product branch (major.minor) this fix applies to; defaults to that of the required versions. */
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
}

/** A manifest as loaded: the document plus where it came from and its resolved branch. */
export interface LoadedManifest {
  readonly manifest: Manifest;
  /** Path it was read from, or "<bundled>/Q254943.json" for built-ins. */
  readonly source: string;
  /** The branch rows are judged against (explicit or derived), or undefined when no row has a version. */
  readonly branch: string | undefined;
}
