/** A Windows file version: exactly four integers in 0..65535 (major.minor.build.revision). */
export type WindowsVersion = readonly [number, number, number, number];
