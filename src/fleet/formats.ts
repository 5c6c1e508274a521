/**
 * The names of the fleet report formats (`aggregate --format`), without loading any writer;
 * test/fleet/writers.test.ts keeps it in step with writers/registry.ts.
 */
export const FLEET_FORMATS: string[] = ['table', 'json', 'junit', 'markdown', 'csv', 'html'];
