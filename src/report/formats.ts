/**
 * The names of the report formats, without loading any writer (the CLI's --format choices); test/reportRegistry.test.ts keeps it in step
 * with registry.ts.
 */
export const REPORT_FORMATS: string[] = ['table', 'json', 'junit', 'sarif', 'markdown', 'github', 'csv', 'html'];
