/** Reading a model file: YAML with positions, schema, cross-checks; every problem at once. */
import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { InputNotFoundError, ModelInvalidError, type Issue } from '../errors.js';
import { buildModel, type PendingIssue } from './build.js';
import { locate, pathToString, type LocatedDocument } from './positions.js';
import { modelFileSchema } from './schema.js';
import type { Model } from './types.js';

/**
 * Loads and validates a model file. Throws `ModelInvalidError` listing every problem with file,
 * line, column and field.
 *
 * @example
 * const model = loadModel('models/example.yaml');
 */
export function loadModel(file: string): Model {
  if (!existsSync(file)) throw new InputNotFoundError(file);
  return parseModel(readFileSync(file, 'utf8'), file);
}

/** Validates model text as if read from `file` (paths inside resolve from its folder). */
export function parseModel(text: string, file: string): Model {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ModelInvalidError(
      file,
      doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return { location: { file, line: pos.line, column: pos.col }, path: '', message: `YAML: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  const located: LocatedDocument = { doc, lines };
  const parsed = modelFileSchema.safeParse(doc.toJS(), { reportInput: true });
  if (!parsed.success) throw new ModelInvalidError(file, parsed.error.issues.map((i) => zodIssue(i, located, file)));
  const { model, issues } = buildModel(parsed.data, file);
  if (!model) throw new ModelInvalidError(file, issues.map((i) => pendingIssue(i, located, file)));
  return model;
}

function zodIssue(i: z.core.$ZodIssue, located: LocatedDocument, file: string): Issue {
  const path = i.path as PropertyKey[];
  if (i.code === 'unrecognized_keys') {
    const key = i.keys[0];
    const pos = locate(located, path, key);
    return {
      location: { file, ...pos },
      path: pathToString([...path, key]),
      message: `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `'${k}'`).join(', ')}`,
      expected: 'a field models/README.md documents (check the spelling)',
    };
  }
  const missing = i.code === 'invalid_type' && (i as { input?: unknown }).input === undefined;
  return {
    location: { file, ...locate(located, path) },
    path: pathToString(path),
    message: missing ? 'is missing' : i.message,
    expected: i.code === 'invalid_value' && 'values' in i ? `one of ${(i.values as unknown[]).join(', ')}` : missing ? i.message.replace(/^Invalid input: /, '') : undefined,
  };
}

function pendingIssue(i: PendingIssue, located: LocatedDocument, file: string): Issue {
  if (i.located) return i.located;
  return { location: { file, ...locate(located, i.path) }, path: pathToString(i.path), message: i.message, expected: i.expected };
}
