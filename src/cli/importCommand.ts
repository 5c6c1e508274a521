/** `hotfix-verify import KB.TXT... [--out DIR]`: KB article texts in, manifests out. */
import { mkdir } from 'node:fs/promises';
import { HotfixError } from '../errors.js';
import { readUserFile } from '../io/readUserFile.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import path from 'node:path';
import { KbImportError, parseKbArticle } from '../kb/parseKbArticle.js';
import { formatManifest } from '../manifest/formatManifest.js';
import { BUNDLED_MANIFEST_DIR } from '../manifest/loadManifest.js';
import type { Manifest } from '../manifest/types.js';
import { validateManifest } from '../manifest/validateManifest.js';
import { EXIT } from './errors.js';
import { emit, type CliIO } from './output.js';

/** The options of `import`, as parsed. */
export interface ImportArgs {
  readonly articles: readonly string[];
  /** Folder to write one `<id>.json` per manifest to; stdout when absent. */
  readonly out?: string;
}

/** A KB article text larger than this is refused before it is read (the articles are a few KB). */
export const MAX_ARTICLE_BYTES = 4 * 1024 * 1024;

/** An article that cannot be turned into manifests; printed as one line, exit 2. */
class ImportFailure extends HotfixError {
  constructor(file: string, problem: string) {
    super('import', file, undefined, problem);
  }
}

/** The text of an article: UTF-8 when it is valid UTF-8, else Windows-1252 (the archive's own code page). */
async function readArticle(file: string): Promise<string> {
  const bytes = await readUserFile(file, {
    maxBytes: MAX_ARTICLE_BYTES,
    what: 'a KB article',
    fail: (named, problem) => new ImportFailure(named, problem),
  });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Parses one article and checks that every manifest it gives is one `scan` accepts. */
function manifestsOf(text: string, article: string): Manifest[] {
  let manifests: Manifest[];
  manifests = parseKbArticle(text, article);
  for (const manifest of manifests) {
    const problem = validateManifest(manifest)[0];
    // The parser should never build an invalid manifest; if it does, say so rather than write it.
    if (problem)
      throw new ImportFailure(
        article,
        `the manifest ${manifest.id} made from it is not valid (a bug in the importer): ${problem.path}: ${problem.problem}`,
      );
  }
  return manifests;
}

/** The "$schema" reference for manifests written to `dir`: the bundled schema, relative to that folder. */
export function schemaReference(dir: string): string {
  const relative = path.relative(path.resolve(dir), path.join(BUNDLED_MANIFEST_DIR, 'manifest.schema.json')).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * Imports articles. Every article is read and parsed before anything is
 * written, so a run with one bad article writes nothing. Exit 0, or 2 with
 * one line naming the article, the line and the problem.
 */
export async function runImport(args: ImportArgs, io: CliIO): Promise<number> {
  const made: { article: string; manifest: Manifest }[] = [];
  try {
    const byId = new Map<string, string>();
    for (const article of args.articles) {
      for (const manifest of manifestsOf(await readArticle(article), article)) {
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
    io.stderr.write(`hotfix-verify: ${error.message}\n`);
    return EXIT.error;
  }

  if (args.out === undefined) {
    // One manifest: the object itself, ready for `scan --manifest`. Several: a JSON array of them (for reading or jq).
    const texts = made.map(({ manifest }) => formatManifest(manifest));
    const text = texts.length === 1 ? (texts[0] as string) : `[\n${texts.map((t) => t.trimEnd().replace(/^/gm, '  ')).join(',\n')}\n]\n`;
    await emit(io, text, undefined);
    return EXIT.ok;
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
  return EXIT.ok;
}
