/** Reading a model file: YAML with positions, schema, cross-checks; every problem at once. */
import { readFileSync } from 'node:fs';
import type * as z from 'zod';
import { ModelInvalidError, type Issue } from '../errors.js';
import { checkFile, MAX_YAML_BYTES, sizeProblem } from '../io/files.js';
import { buildModel, type PendingIssue } from './build.js';
import { locate, pathToString, type LocatedDocument } from './positions.js';
import { modelFileSchema, type ModelFile } from './schema.js';
import type { Model } from './types.js';
import { parseYamlLocated, zodIssue, type FormatHelp } from './yaml.js';

export { MAX_ALIAS_COUNT, parseYamlLocated, zodIssue, type FormatHelp } from './yaml.js';

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

/** The accepted forms of fields that take several (unions), in the user's terms. */
const FORMS: Record<string, string> = {
  initial: 'a map state: count (state: { band: count } when the model has ages), or { file: stock.csv }',
  'ages.bands': 'a list of bands such as [0-4, 5-9, 10-15, 16-17], or single',
  'ages.age_out_to': "an absorbing state's id, or a map { default: state, <state>: state }",
  'time.start': 'a date written YYYY-MM-DD, e.g. 2025-04-01',
  carecast: 'carecast: 1',
};

const MODEL_FORMAT: FormatHelp = { readme: 'models/README.md', forms: FORMS };

function pendingIssue(i: PendingIssue, located: LocatedDocument, file: string): Issue {
  if (i.located) return i.located;
  return { location: { file, ...locate(located, i.path) }, path: pathToString(i.path), message: i.message, expected: i.expected, kind: i.kind };
}
