/** `hotfix-verify import FILE... [--out DIR] [--strict] [--id KB] [--title T] [--product P]`: KB articles and CSVs in, manifests out. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { HotfixError } from '../errors.js';
import { readUserFile } from '../io/readUserFile.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { formatKbWarning, importKbArticle, KbImportError, type KbWarning } from '../kb/parseKbArticle.js';
import { formatManifest } from '../manifest/formatManifest.js';
import { BUNDLED_MANIFEST_DIR } from '../manifest/loadManifest.js';
import type { Manifest } from '../manifest/types.js';
import { EXIT } from './errors.js';
import { emit, type CliIO } from './output.js';

/** The options of `import`, as parsed. */
export interface ImportArgs {
  readonly articles: readonly string[];
  /** Folder to write one `<id>.json` per manifest to; stdout when absent. */
  readonly out?: string;
  /** A row left out is an error: exit 2 and nothing written. */
  readonly strict?: boolean;
  /** The KB number, title and product for a source that lacks them (a CSV); --id takes one source only. */
  readonly id?: string;
  readonly title?: string;
  readonly product?: string;
}

/**
 * A source larger than this is refused before it is read. The archive's articles are a few KB; a cumulative
 * update's file-information CSV lists every file of every platform (a few MB), and a saved page carries its scripts.
 */
export const MAX_ARTICLE_BYTES = 32 * 1024 * 1024;

/** An article that cannot be turned into manifests; printed as one line, exit 2. */
class ImportFailure extends HotfixError {
  constructor(file: string, problem: string) {
    super('import', file, undefined, problem);
  }
}

/** The bytes of an article; the importer decodes them (UTF-16, UTF-8 or Windows-1252). */
async function readArticle(file: string): Promise<Buffer> {
  return readUserFile(file, {
    maxBytes: MAX_ARTICLE_BYTES,
    what: 'a KB article',
    fail: (named, problem) => new ImportFailure(named, problem),
  });
}

/** The "$schema" reference for manifests written to `dir`: the bundled schema, relative to that folder. */
export function schemaReference(dir: string): string {
  const relative = path.relative(path.resolve(dir), path.join(BUNDLED_MANIFEST_DIR, 'manifest.schema.json')).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * Imports articles. Every article is read and parsed before anything is written, so a run with
 * one article that cannot be imported writes nothing. Exit 0 when every row was read, 1 when
 * manifests were written but some row was left out (each named on stderr with its article, line
 * and cell), 2 when nothing could be imported (or, with --strict, when a row was left out).
 */
export async function runImport(args: ImportArgs, io: CliIO): Promise<number> {
  const made: { article: string; manifest: Manifest }[] = [];
  const warnings: KbWarning[] = [];
  if (args.id !== undefined && args.articles.length > 1) {
    io.stderr.write(`hotfix-verify: --id names the KB of one source, but ${args.articles.length} were given: import them one at a time\n`);
    return EXIT.error;
  }
  if (args.id !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(args.id.trim())) {
    io.stderr.write(`hotfix-verify: --id ${JSON.stringify(args.id)} must be letters, digits, ".", "_" or "-" (e.g. KB5034441)\n`);
    return EXIT.error;
  }
  const overrides = {
    ...(args.id !== undefined ? { id: args.id } : {}),
    ...(args.title !== undefined ? { title: args.title } : {}),
    ...(args.product !== undefined ? { product: args.product } : {}),
  };
  try {
    const byId = new Map<string, string>();
    for (const article of args.articles) {
      const result = importKbArticle(await readArticle(article), article, overrides);
      warnings.push(...result.warnings);
      for (const manifest of result.manifests) {
        const first = byId.get(manifest.id);
        if (first !== undefined) {
          throw new ImportFailure(
            article,
            `gives the manifest ${manifest.id}, which ${first} gives too; manifest ids must be unique (import each article once)`,
          );
        }
        byId.set(manifest.id, article);
        made.push({ article, manifest });
      }
    }
  } catch (error) {
    if (!(error instanceof ImportFailure) && !(error instanceof KbImportError)) throw error;
    for (const warning of warnings) io.stderr.write(`hotfix-verify: warning: ${formatKbWarning(warning)}\n`);
    io.stderr.write(`hotfix-verify: ${error.message}\n`);
    return EXIT.error;
  }
  for (const warning of warnings) io.stderr.write(`hotfix-verify: warning: ${formatKbWarning(warning)}\n`);
  const leftOut = warnings.filter((warning) => warning.leftOut).length;
  if (leftOut > 0 && args.strict === true) {
    io.stderr.write(`hotfix-verify: --strict: ${leftOut} row${leftOut === 1 ? ' was' : 's were'} left out; nothing written\n`);
    return EXIT.error;
  }
  const exit = leftOut > 0 ? EXIT.findings : EXIT.ok;

  if (args.out === undefined) {
    // One manifest: the object itself, ready for `scan --manifest`. Several: a JSON array of them (for reading or jq).
    const texts = made.map(({ manifest }) => formatManifest(manifest));
    const text = texts.length === 1 ? (texts[0] as string) : `[\n${texts.map((t) => t.trimEnd().replace(/^/gm, '  ')).join(',\n')}\n]\n`;
    await emit(io, text, undefined);
    return exit;
  }

  await mkdir(args.out, { recursive: true });
  const schema = schemaReference(args.out);
  const lines: string[] = [];
  for (const { article, manifest } of made) {
    const file = path.join(args.out, `${manifest.id}.json`);
    await writeFileAtomic(file, formatManifest(manifest, schema));
    const product = [manifest.product, manifest.productVersion].filter(Boolean).join(' ');
    lines.push(
      `${file}: ${manifest.id}, ${manifest.files.length} file${manifest.files.length === 1 ? '' : 's'}, ${product} (from ${article})`,
    );
  }
  await emit(io, `${lines.join('\n')}\n`, undefined);
  return exit;
}
