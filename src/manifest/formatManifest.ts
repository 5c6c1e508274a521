/**
 * Manifest JSON as people read it: one field per line, and one file row per
 * line, so that a manifest reads like the KB table it came from and a review
 * (or a diff) shows one row per changed file.
 */
import type { Manifest } from './types.js';

/** A JSON value on one line, with a space inside braces: { "name": "a.dll", "version": null }. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value).filter(([, v]) => v !== undefined);
    return fields.length === 0 ? '{}' : `{ ${fields.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** Formats a manifest (optionally with "$schema" first) as JSON text ending in a newline. */
export function formatManifest(manifest: Manifest, schema?: string): string {
  const doc: Record<string, unknown> = schema === undefined ? { ...manifest } : { $schema: schema, ...manifest };
  const lines = Object.entries(doc)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const name = JSON.stringify(key);
      // Rows and notes: one element per line; short lists (platforms) stay on one line.
      if (Array.isArray(value) && value.length > 0 && (key === 'files' || key === 'notes' || key === 'packages'))
        return `  ${name}: [\n${value.map((item) => `    ${inline(item)}`).join(',\n')}\n  ]`;
      return `  ${name}: ${inline(value)}`;
    });
  return `{\n${lines.join(',\n')}\n}\n`;
}
