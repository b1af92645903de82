/**
 * Child ids as small integers. Each id a file gives is looked up once, when its row is read; the
 * steps after that (de-duplication, grouping by child, counting) index typed arrays by it. The
 * tables are open addressing over typed arrays, ids written as plain digits (most councils')
 * kept as numbers beside their integer: a `Map` of half a million strings spent more time
 * missing the cache than the whole split of the file.
 */

/** Child id strings interned as 0, 1, 2, … in order of first sight. */
export class ChildIds {
  /** The id strings, by integer. */
  readonly names: string[] = [];
  /** Ids of digits only (no leading zero, under 10^9), keyed by their value. */
  private readonly numbers = new Table();
  /** Other ids, keyed by a hash of the string. */
  private readonly strings = new Table();
  private lastName: string | null = null;
  private lastId = -1;

  /** The integer of `name`, given it on first sight. */
  of(name: string): number {
    // Rows of one child usually come together.
    if (name === this.lastName) return this.lastId;
    const value = digitsValue(name);
    const id = value >= 0 ? this.find(this.numbers, value, null) : this.find(this.strings, hash(name), name);
    if (id >= 0) {
      this.lastName = name;
      return (this.lastId = id);
    }
    this.names.push(name);
    this.lastName = name;
    return (this.lastId = this.names.length - 1);
  }

  /** How many ids are interned. */
  get size(): number {
    return this.names.length;
  }

  /** The integer under `key` (for a hash, also named `name`), or -1 after adding the next one under it. */
  private find(table: Table, key: number, name: string | null): number {
    const t = table.pairs;
    const mask = (t.length >> 1) - 1;
    for (let i = mix(key) & mask; ; i = (i + 1) & mask) {
      const v = t[2 * i + 1];
      if (v === 0) {
        t[2 * i] = key;
        t[2 * i + 1] = this.names.length + 1;
        if (2 * ++table.count > mask) table.grow();
        return -1;
      }
      if (t[2 * i] === key && (name === null || this.names[v - 1] === name)) return v - 1;
    }
  }
}

/** Open addressing: pairs of [key, integer + 1] (0: an empty slot), at most half full. */
class Table {
  pairs = new Int32Array(2048);
  count = 0;

  /** Doubles the table, every key re-placed. */
  grow(): void {
    const t = this.pairs;
    const out = new Int32Array(2 * t.length);
    const mask = (out.length >> 1) - 1;
    for (let j = 0; j < t.length; j += 2) {
      if (t[j + 1] === 0) continue;
      let i = mix(t[j]) & mask;
      while (out[2 * i + 1] !== 0) i = (i + 1) & mask;
      out[2 * i] = t[j];
      out[2 * i + 1] = t[j + 1];
    }
    this.pairs = out;
  }
}

/** The value of an id written as plain digits (no sign, no leading zero, at most 9), else -1. */
function digitsValue(s: string): number {
  const n = s.length;
  if (n === 0 || n > 9 || (n > 1 && s.charCodeAt(0) === 48)) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Spreads consecutive keys over the table (Fibonacci hashing). */
function mix(k: number): number {
  const h = Math.imul(k, 0x9e3779b1);
  return h ^ (h >>> 16);
}

/** FNV-1a of the string's UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0; // as the Int32Array holds it (the empty string's is the offset basis, above 2^31)
}
