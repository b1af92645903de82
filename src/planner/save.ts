/**
 * A scenario as a planner set it, written back as its own YAML file: the file as it was, comments
 * and all, with each changed lever's value in place (the `yaml` package's setIn at the lever's
 * origin). A lever the file inherits through `extends` is written as an item of this file with the
 * inherited item's id, which replaces that item (scenarios/README.md, "extends"); scenario timing is
 * written field by field, as `extends` merges it. `carecast compare` runs the file unchanged.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import { leversOf, type Lever } from '../scenario/levers.js';
import type { Scenario } from '../scenario/types.js';

/** A lever's value as set, for the note at the top of the file. */
export interface LeverSetting {
  lever: Lever;
  value: number | string;
}

/**
 * The text of `scenario`'s own file with `values` (by lever name) written in; levers whose value
 * is their stated one are left as they are. `texts` holds the scenario's file and those it extends,
 * by the paths in `scenario.files`; `note` (e.g. where and when it was saved) heads the file with
 * the changes listed (without a note, the lines stay where they were, for located messages).
 *
 * @example
 * scenarioYamlAsSet(texts, scenario, { fewer_step_ups: 0.7 }, 'Saved from the planner page on 2026-12-02');
 */
export function scenarioYamlAsSet(texts: Readonly<Record<string, string>>, scenario: Scenario, values: Readonly<Record<string, number | string>>, note?: string): string {
  const own = scenario.file;
  const docs = new Map<string, Document>();
  const doc = (file: string) => {
    let d = docs.get(file);
    if (!d) {
      const text = texts[file];
      if (text === undefined) throw new RangeError(`no text for ${file}`);
      d = parseDocument(text);
      docs.set(file, d);
    }
    return d;
  };
  const target = doc(own);
  const changed = changedLevers(scenario, values);
  const header = note === undefined ? '' : [note, ...changed.map(({ lever, value }) => `  ${lever.label}: ${lever.stated} → ${value}`)].map((l) => `# ${l}`.trimEnd()).join('\n') + '\n\n';
  const paths = changed.map(({ lever }) => {
    const field = lever.field.split('.');
    // Scenario timing merges field by field, so this file's `timing` can carry any of its fields.
    if (lever.origin.path[0] === 'timing') return ['timing', ...field];
    return lever.origin.file === own ? [...lever.origin.path, ...field] : null;
  });
  // Values already written in this file are replaced in its text, which keeps the rest of it as it was.
  const scalars = paths.map((path) => (path ? target.getIn(path, true) : null));
  if (scalars.every((n) => isScalar(n) && n.range)) {
    let text = texts[own];
    const edits = changed.map(({ value }, i) => ({ range: (scalars[i] as Scalar).range!, value: String(value) })).sort((x, y) => y.range[0] - x.range[0]);
    for (const { range, value } of edits) text = text.slice(0, range[0]) + value + text.slice(range[1]);
    return header + text;
  }
  changed.forEach(({ lever, value }, i) => {
    const path = paths[i];
    if (path) {
      target.setIn(path, value);
      return;
    }
    // An inherited item: this file gets a copy of it (same id) with the new value, once.
    const [section, index] = lever.origin.path;
    const list = ensureSeq(target, String(section));
    const id = doc(lever.origin.file).getIn([section, index, 'id']);
    let at = list.items.findIndex((item) => isMap(item) && item.get('id') === id);
    if (at < 0) {
      list.add((doc(lever.origin.file).getIn([section, index], true) as Node).clone());
      at = list.items.length - 1;
    }
    target.setIn([section, at, ...lever.field.split('.')], value);
  });
  return header + target.toString({ lineWidth: 100, flowCollectionPadding: false });
}

/** The levers whose value in `values` differs from the one the scenario states, in file order. */
export function changedLevers(scenario: Scenario, values: Readonly<Record<string, number | string>>): LeverSetting[] {
  return leversOf(scenario)
    .filter((l) => values[l.name] !== undefined && values[l.name] !== l.stated)
    .map((lever) => ({ lever, value: values[lever.name] }));
}

function ensureSeq(doc: Document, key: string) {
  const found = doc.get(key, true);
  if (isSeq(found)) return found;
  const seq = doc.createNode([]);
  doc.set(key, seq);
  return seq;
}
