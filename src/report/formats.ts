/** The names of the report formats, without loading any writer (the CLI's --format choices). */
export const REPORT_FORMATS: string[] = ['table', 'json'];
