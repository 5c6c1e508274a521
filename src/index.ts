/** hotfix-verify's library API: the same data the CLI prints, with types. */
export {
  loadManifest,
  loadBundledManifest,
  parseManifest,
  resolveBranch,
  BUNDLED_MANIFEST_DIR,
  DEFAULT_MANIFEST_ID,
} from './manifest/loadManifest.js';
export { validateManifest, type ManifestProblem } from './manifest/validateManifest.js';
export {
  loadBundledCatalog,
  loadManifestFolder,
  loadManifestPath,
  loadManifestSelection,
  checkUniqueIds,
  BUNDLED_CATALOGS,
  type BundledCatalog,
  type ManifestSelection,
} from './manifest/loadCatalog.js';
export { formatManifest } from './manifest/formatManifest.js';
export { ManifestError } from './manifest/errors.js';
export type { Manifest, ManifestFile, LoadedManifest, Platform, ManifestLanguage, Rule } from './manifest/types.js';
export { MANIFEST_FORMAT_VERSION } from './manifest/types.js';
export { scan, type ScanOptions } from './scan/scan.js';
export type { Observation } from './scan/observation.js';
export { directorySource, TargetError } from './source/directorySource.js';
export { openSource, detectTarget, type OpenSourceOptions, type TargetKind } from './source/openSource.js';
export { zipSource, type ZipSourceOptions } from './source/zipSource.js';
export { tarSource, type TarSourceOptions } from './source/tarSource.js';
export { wimSource, WimlibMissingError, type WimSourceOptions } from './source/wimSource.js';
export { detectImageFormat, type ImageFormat } from './source/imageFormat.js';
export { DEFAULT_MAX_EXPAND, DEFAULT_MAX_RATIO, parseSize, type ExpandLimits } from './source/expandLimits.js';
export type { FileSource, SourceEntry, SourceProblem, OpenedFile, EntryType } from './source/types.js';
export { SourceOpenError } from './source/types.js';
export { evaluateCopy } from './evaluate/evaluateCopy.js';
export {
  evaluateRow,
  evaluateManifest,
  manifestVerdict,
  judgeManifest,
  overallVerdict,
  type VerdictOptions,
  type ManifestJudgement,
} from './evaluate/evaluateManifest.js';
export * from './evaluate/types.js';
export { readPeVersionInfo } from './pe/readPeVersionInfo.js';
export { bufferSource, fileHandleSource, type ByteSource } from './pe/byteSource.js';
export type * from './pe/types.js';
export { writePe, type PeWriteOptions } from './pe/writePe.js';
export * from './version/windowsVersion.js';
export { inspectFile, type InspectRecord } from './inspect/inspectFile.js';
export { inventory, hasPeExtension, PE_EXTENSIONS, type InventoryOptions, type InventoryRecord } from './inspect/inventory.js';
export { readAheadSource } from './pe/readAheadSource.js';
export { REPORT_WRITERS, REPORT_FORMATS } from './report/registry.js';
export type { ReportWriter, WriterOptions } from './report/writer.js';
export { writeSampleServer, expectedStatuses } from './demo/sampleServer.js';
export { exitCodeFor } from './cli/scanCommand.js';
export {
  parseKbArticle,
  importKbArticle,
  formatKbWarning,
  KbImportError,
  type KbImportErrorCode,
  type KbImport,
  type KbWarning,
  type KbWarningCode,
} from './kb/parseKbArticle.js';
export { gateReport, gateExitCode, rowSuppressed, copySuppressed, FAIL_ON_CHOICES, DEFAULT_FAIL_ON } from './gate/gate.js';
export { applyIgnores, todayUtc, type IgnoreUse } from './gate/applyIgnores.js';
export { parseIgnoreFile, loadIgnoreFile, type IgnoreEntry } from './gate/ignoreFile.js';
export { IgnoreFileError } from './gate/errors.js';
export { snapshotManifest, type SnapshotOptions, type SnapshotResult, type SnapshotSkip } from './snapshot/snapshot.js';
export { exactCheck } from './snapshot/exactCheck.js';
export { EVERY_NAME } from './source/everyName.js';
export { findingsOf, type Finding } from './report/findings.js';
export type { ManifestKind } from './manifest/types.js';
