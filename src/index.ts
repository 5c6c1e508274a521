/** hotfix-verify's library API: the pipeline the CLI runs, the pieces it is made of, its errors and its data types. */

// The pipeline: one call gives exactly the CLI's verdict.
export { verify, TodayError, type VerifyOptions, type VerifyResult } from './verify.js';

// Errors a caller can act on.
export { HotfixError, UsageError, errnoWords } from './errors.js';
export { ManifestError } from './manifest/errors.js';
export { TargetError } from './source/directorySource.js';
export { IgnoreFileError } from './gate/errors.js';
export { KbImportError, type KbImportErrorCode } from './kb/KbImportError.js';
export { WimlibMissingError } from './source/wimSource.js';
export { SourceOpenError } from './source/types.js';

// The data every stage shares.
export type * from './model/finding.js';
export type * from './model/gate.js';
export type * from './model/manifest.js';
export type * from './model/observation.js';
export type * from './model/report.js';
export type * from './model/source.js';
export { STATUSES } from './model/finding.js';
export { DEFAULT_FAIL_ON, FAIL_ON_CHOICES } from './model/gate.js';
export { MANIFEST_FORMAT_VERSION, PLATFORMS } from './model/manifest.js';
export { REPORT_SCHEMA_VERSION } from './model/report.js';

// Manifests.
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

// Sources: folders and patch images.
export { directorySource } from './source/directorySource.js';
export { openSource, detectTarget, type OpenSourceOptions, type TargetKind } from './source/openSource.js';
export { zipSource, type ZipSourceOptions } from './source/zipSource.js';
export { tarSource, type TarSourceOptions } from './source/tarSource.js';
export { wimSource, type WimSourceOptions } from './source/wimSource.js';
export { detectImageFormat, type ImageFormat } from './source/imageFormat.js';
export { DEFAULT_MAX_EXPAND, DEFAULT_MAX_RATIO, parseSize, type ExpandLimits } from './source/expandLimits.js';
export type { FileSource, OpenedFile } from './source/types.js';
export { EVERY_NAME } from './source/everyName.js';

// The stages, for callers that run them one by one.
export { observe, type ObserveNeeds } from './scan/observe.js';
export { evaluateCopy } from './evaluate/evaluateCopy.js';
export { evaluateManifest, type EvaluateOptions } from './evaluate/evaluateManifest.js';
export { judgeManifest, overallVerdict, type VerdictOptions, type ManifestJudgement } from './evaluate/verdict.js';
export { copyRole, type InstallContext } from './evaluate/copyRole.js';
export { parsePlatform } from './evaluate/platform.js';
export { applyExact } from './evaluate/exact.js';
export { applyIgnores, type IgnoreUse } from './gate/applyIgnores.js';
export { parseIgnoreFile, loadIgnoreFile, type IgnoreEntry } from './gate/ignoreFile.js';
export { gateReport } from './gate/gate.js';

// Reports.
export { REPORT_WRITERS, REPORT_FORMATS } from './report/registry.js';
export type { ReportWriter, WriterOptions } from './report/writer.js';
export { findingsOf, type Finding } from './report/findings.js';
export * as messages from './report/messages.js';

// PE files and versions.
export { readPeVersionInfo } from './pe/readPeVersionInfo.js';
export { bufferSource, fileHandleSource, type ByteSource } from './pe/byteSource.js';
export type * from './pe/types.js';
export { writePe, type PeWriteOptions } from './pe/writePe.js';
export * from './version/windowsVersion.js';
export { readAheadSource } from './pe/readAheadSource.js';
export { inspectFile, type InspectRecord } from './inspect/inspectFile.js';
export { inventory, hasPeExtension, PE_EXTENSIONS, type InventoryOptions, type InventoryRecord } from './inspect/inventory.js';

// Snapshots, KB articles, the sample server.
export { snapshotManifest, type SnapshotOptions, type SnapshotResult, type SnapshotSkip } from './snapshot/snapshot.js';
export {
  parseKbArticle,
  importKbArticle,
  formatKbWarning,
  type KbImport,
  type KbWarning,
  type KbWarningCode,
} from './kb/parseKbArticle.js';
export { writeSampleServer, expectedStatuses } from './demo/sampleServer.js';
