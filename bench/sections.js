// RESULTS.md holds one section per benchmark, each between markers, so every script rewrites
// only its own section and keeps the others.
import { existsSync, readFileSync } from 'node:fs';

/** RESULTS.md text with `name`'s section replaced by (or appended as) `body`. */
export function withSection(file, name, body) {
  const begin = `<!-- begin:${name} -->`;
  const end = `<!-- end:${name} -->`;
  const block = `${begin}\n${body.trim()}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n\nEach section is written by its script; `npm run bench` runs them all.\n';
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i >= 0 && j > i) return text.slice(0, i) + block + text.slice(j + end.length);
  return `${text.trimEnd()}\n\n${block}\n`;
}
