/** Reading a model file: YAML with positions, schema, cross-checks; every problem at once. */
import { readFileSync } from 'node:fs';
import { isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { ModelInvalidError, sortIssues, type Issue } from '../errors.js';
import { checkFile, MAX_YAML_BYTES, sizeProblem } from '../io/files.js';
import { buildModel, type PendingIssue } from './build.js';
import { locate, pathToString, type LocatedDocument } from './positions.js';
import { modelFileSchema, type ModelFile } from './schema.js';
import type { Model } from './types.js';

/**
 * Loads and validates a model file. Throws `ModelInvalidError` listing every problem with file,
 * line, column and field.
 *
 * @example
 * const model = loadModel('models/example.yaml');
 */
export function loadModel(file: string): Model {
  const stats = checkFile(file, 'a model file (YAML)');
  const tooLarge = sizeProblem(file, stats, MAX_YAML_BYTES, 'a model file');
  if (tooLarge) throw new ModelInvalidError(file, [tooLarge]);
  return parseModel(readFileSync(file, 'utf8'), file);
}

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

/** Validates model text as if read from `file` (paths inside resolve from its folder). */
export function parseModel(text: string, file: string): Model {
  const { located, data, issues: yamlIssues } = parseYamlLocated(text, file);
  if (yamlIssues.length) throw new ModelInvalidError(file, yamlIssues);
  const parsed = modelFileSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => zodIssue(i, located, file, MODEL_FORMAT));
    throw new ModelInvalidError(file, [...issues, ...crossChecksOfValidSections(data, parsed.error.issues, file, located)]);
  }
  const { model, issues } = buildModel(parsed.data, file);
  if (!model) throw new ModelInvalidError(file, issues.map((i) => pendingIssue(i, located, file)));
  return model;
}

/**
 * Cross-reference problems in the sections the schema accepted, so one run lists everything.
 * Sections with schema errors are left out (their cross-checks would only repeat the noise), and
 * with broken `states` nothing can be cross-checked.
 */
function crossChecksOfValidSections(data: unknown, zodIssues: z.core.$ZodIssue[], file: string, located: LocatedDocument): Issue[] {
  const broken = new Set(zodIssues.map((i) => String(i.path[0] ?? '')));
  if (broken.has('states') || broken.has('') || typeof data !== 'object' || data === null) return [];
  try {
    const { issues } = buildModel(data as ModelFile, file);
    return issues.filter((i) => !broken.has(String(i.path[0]))).map((i) => pendingIssue(i, located, file));
  } catch {
    return []; // the broken sections stopped the cross-checks; the schema errors stand alone
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

/** The accepted forms of fields that take several (unions), in the user's terms. */
const FORMS: Record<string, string> = {
  initial: 'a map state: count (state: { band: count } when the model has ages), or { file: stock.csv }',
  'ages.bands': 'a list of bands such as [0-4, 5-9, 10-15, 16-17], or single',
  'ages.age_out_to': "an absorbing state's id, or a map { default: state, <state>: state }",
  'time.start': 'a date written YYYY-MM-DD, e.g. 2025-04-01',
  carecast: 'carecast: 1',
};

/** Where a file format is documented, and the accepted forms of its fields that take several. */
export interface FormatHelp {
  readme: string;
  forms: Record<string, string>;
}

const MODEL_FORMAT: FormatHelp = { readme: 'models/README.md', forms: FORMS };

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function describe(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v === 'string' ? 'text' : typeof v} ${JSON.stringify(v)}`;
}

function pendingIssue(i: PendingIssue, located: LocatedDocument, file: string): Issue {
  if (i.located) return i.located;
  return { location: { file, ...locate(located, i.path) }, path: pathToString(i.path), message: i.message, expected: i.expected, kind: i.kind };
}
