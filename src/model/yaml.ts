/**
 * YAML with positions, and schema problems in the user's terms: the pure part of reading a model
 * or scenario file (no file access), shared by the loaders and the planner's page.
 */
import { isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type * as z from 'zod';
import { sortIssues, type Issue } from '../errors.js';
import { locate, pathToString, type LocatedDocument } from './positions.js';

/**
 * Aliases a document may expand (the `yaml` package's count): a handful of `*rates` reuses is
 * fine, a "billion laughs" alias bomb that would expand to gigabytes is refused.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML text keeping positions; returns the located document and its data, or the YAML
 * syntax problems (a repeated key, an alias bomb) as located issues.
 */
export function parseYamlLocated(text: string, file: string): { located: LocatedDocument; data: unknown; issues: Issue[] } {
  const lines = new LineCounter();
  // Repeated keys are found below in one pass: the parser's own check is quadratic in the keys
  // of a map (minutes for a large file).
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number) => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const issues: Issue[] = doc.errors.map((e) => ({ location: at(e.pos[0]), path: '', message: `YAML: ${e.message.split('\n')[0]}` }));
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = `${typeof pair.key.value}:${String(pair.key.value)}`;
        if (seen.has(key)) issues.push({ location: at(pair.key.range?.[0] ?? 0), path: '', message: 'YAML: Map keys must be unique' });
        seen.add(key);
      }
    },
  });
  if (issues.length) return { located: { doc, lines }, data: undefined, issues: sortIssues(issues) };
  try {
    return { located: { doc, lines }, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), issues };
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    issues.push({ location: at(offset), path: '', message: 'YAML: the aliases (*name) expand to too much data, as in an alias bomb', expected: `aliases that expand at most ${MAX_ALIAS_COUNT} times` });
    return { located: { doc, lines }, data: undefined, issues };
  }
}

/**
 * A zod issue as a located issue in the user's terms; `forms` gives the accepted forms of fields
 * that take several, by dotted path.
 */
export function zodIssue(i: z.core.$ZodIssue, located: LocatedDocument, file: string, format: FormatHelp): Issue {
  const FORMS = format.forms;
  const path = i.path as PropertyKey[];
  if (i.code === 'unrecognized_keys') {
    const key = i.keys[0];
    const pos = locate(located, path, key);
    return {
      location: { file, ...pos },
      path: pathToString([...path, key]),
      message: `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `'${k}'`).join(', ')}`,
      expected: `a field ${format.readme} documents (check the spelling)`,
    };
  }
  const input = (i as { input?: unknown }).input;
  const location = { file, ...locate(located, path) };
  const at = pathToString(path);
  const custom = !/^(Invalid|Too|Unrecognized)/.test(i.message);
  if (input === undefined && path.length > 0) {
    return { location, path: at, message: 'is missing', expected: FORMS[at] ?? (i.code === 'invalid_type' ? withArticle(i.expected) : undefined) };
  }
  if (custom) return { location, path: at, message: i.message, expected: FORMS[at] };
  if (i.code === 'invalid_value') {
    return { location, path: at, message: `'${String(input)}' is not allowed`, expected: FORMS[at] ?? `one of ${i.values.map(String).join(', ')}` };
  }
  if (i.code === 'invalid_type') {
    return { location, path: at, message: `${describe(input)} is not allowed here`, expected: FORMS[at] ?? withArticle(i.expected) };
  }
  if (i.code === 'invalid_union') {
    return { location, path: at, message: `${describe(input)} is not in a form this field takes`, expected: FORMS[at] };
  }
  return { location, path: at, message: i.message.replace(/^Invalid input: /, ''), expected: FORMS[at] };
}

/** Where a file format is documented, and the accepted forms of its fields that take several. */
export interface FormatHelp {
  readme: string;
  forms: Record<string, string>;
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function describe(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v === 'string' ? 'text' : typeof v} ${JSON.stringify(v)}`;
}
