/** How far an archive may expand while it is scanned: zip-bomb and tar-bomb defences. */

/** Limits on what reading an archive may cost. */
export interface ExpandLimits {
  /** Total bytes the scan may decompress or hold from one archive (default DEFAULT_MAX_EXPAND). */
  readonly maxExpand: number;
  /** Largest uncompressed:compressed ratio of one entry (or of a gzip stream) above RATIO_FLOOR bytes. */
  readonly maxRatio: number;
}

/** 4 GiB: more than any hotfix payload, far less than a bomb. */
export const DEFAULT_MAX_EXPAND = 4 * 1024 ** 3;
/**
 * 200:1. Real program files compress 2-10:1, text rarely beyond 50:1; deflate's own ceiling is
 * about 1032:1, so anything near it is a run of zeros made to blow up.
 */
export const DEFAULT_MAX_RATIO = 200;
/** Below this many bytes a ratio proves nothing (a tiny file of spaces), so it is not checked. */
export const RATIO_FLOOR = 1024 * 1024;

/** The default limits. */
export const DEFAULT_LIMITS: ExpandLimits = { maxExpand: DEFAULT_MAX_EXPAND, maxRatio: DEFAULT_MAX_RATIO };

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

/** Parses a size such as "4GiB", "512M", "1048576" (binary units); undefined when it is not one. */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = UNITS[match[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** Formats a byte count for messages: "4 GiB", "1.5 MiB", "512 bytes". */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ['TiB', 1024 ** 4],
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** Why an entry is too big to expand, or undefined when it fits within `maxRatio`. */
export function ratioProblem(uncompressed: number, compressed: number, limits: ExpandLimits): string | undefined {
  if (uncompressed <= RATIO_FLOOR) return undefined;
  const ratio = uncompressed / Math.max(1, compressed);
  if (ratio <= limits.maxRatio) return undefined;
  return (
    `expands ${Math.round(ratio)}:1 (${formatSize(compressed)} to ${formatSize(uncompressed)}), beyond the ${limits.maxRatio}:1 ` +
    `limit; a decompression bomb is not expanded`
  );
}

/** A running total of bytes expanded (or held) from one archive over the whole scan, shared by all its entries. */
export class ExpandBudget {
  private used = 0;
  constructor(readonly limits: ExpandLimits) {}

  /** Takes `bytes` from the budget; returns a reason when they would pass --max-expand (nothing is then taken). */
  take(bytes: number): string | undefined {
    if (this.used + bytes > this.limits.maxExpand) {
      return (
        `expanding it (${formatSize(bytes)}) would pass the --max-expand limit of ${formatSize(this.limits.maxExpand)} for this ` +
        `image (${formatSize(this.used)} already used); not expanded`
      );
    }
    this.used += bytes;
    return undefined;
  }
}

/** Bytes of inflated entries held in memory at once, across the scan's parallel reads (one bigger entry is still let in alone). */
export const DEFAULT_MAX_HELD = 256 * 1024 ** 2;

/**
 * Bounds the inflated bytes held at once: `acquire` waits while others hold too much, so
 * eight parallel reads of big deflated entries cannot take eight times their size in memory.
 */
export class MemoryGate {
  private held = 0;
  private readonly waiting: { bytes: number; resolve: () => void }[] = [];

  constructor(private readonly capacity = DEFAULT_MAX_HELD) {}

  /** Resolves when `bytes` may be held; an entry larger than the capacity waits until nothing else is held. */
  acquire(bytes: number): Promise<void> {
    if (this.fits(bytes) && this.waiting.length === 0) {
      this.held += bytes;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ bytes, resolve }));
  }

  /** Gives back what `acquire` took, and lets waiting readers in, in order. */
  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.bytes)) {
      const next = this.waiting.shift()!;
      this.held += next.bytes;
      next.resolve();
    }
  }

  private fits(bytes: number): boolean {
    return this.held === 0 || this.held + bytes <= this.capacity;
  }
}
