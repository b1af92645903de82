/** Maps a field path inside a parsed YAML document to its line and column. */
import { isMap, isSeq, isScalar, LineCounter, type Document, type Node } from 'yaml';

/** A parsed YAML document with what is needed to locate its fields. */
export interface LocatedDocument {
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Dotted form of a path: `transitions.matrices[0].rows.cin`. */
export function pathToString(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

/**
 * Line and column (from 1) of the deepest node along `path`; with `key`, of that key inside the
 * node (for unknown-key errors).
 */
export function locate(
  located: LocatedDocument,
  path: readonly PropertyKey[],
  key?: string,
): { line: number; column: number } | undefined {
  let node: unknown = located.doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  const segs = key === undefined ? path : [...path, key];
  for (const seg of segs) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyNode = pair.key as Node;
      node = pair.value ?? keyNode;
      // Point at the key itself: it is where a reader looks for the field.
      offset = keyNode.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  if (offset === undefined) return undefined;
  const pos = located.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}
