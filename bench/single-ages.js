// The example council with single-year ages (bands 0..24, care leavers to 24 since issue 16;
// RESULTS.md figures before it are of 0..17): band-specific rows, direct entries and initial
// stocks spread over the single years of their band, and the scenarios' ages likewise.
// Shared by the kernel and Monte Carlo benchmarks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

const BANDS = { '0-4': [0, 4], '5-9': [5, 9], '10-15': [10, 15], '16-17': [16, 17], '18-20': [18, 20], '21-24': [21, 24] };
const years = (label) => {
  const [a, b] = BANDS[label];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
};

/** Writes the single-age example model and the named scenarios into `dir`; returns their paths. */
export function writeSingleAgeExample(root, dir, scenarios) {
  const doc = parse(readFileSync(join(root, 'models/example.yaml'), 'utf8'));
  doc.ages.bands = 'single';
  for (const m of doc.transitions.matrices) if (m.ages !== 'all') m.ages = m.ages.flatMap((l) => years(String(l)));
  for (const g of doc.groups ?? []) for (const x of g.split ?? []) if (x.ages && x.ages !== 'all') x.ages = [x.ages].flat().flatMap((l) => years(String(l)));
  for (const t of doc.uncertainty?.transitions ?? []) if (t.ages && t.ages !== 'all') t.ages = [t.ages].flat().flatMap((l) => years(String(l)));
  // Leaving ages start a band in either form; the population counts ages 0-17 (bands 0..17).
  if (doc.population.ages) doc.population.ages = '0-17';
  doc.population.projection.file = join(root, 'data/example/population.csv');
  doc.direct_entries = doc.direct_entries.flatMap((d) => years(String(d.ages)).map((y, _, all) => ({ ...d, ages: y, per_year: d.per_year / all.length })));
  for (const [state, byBand] of Object.entries(doc.initial)) {
    doc.initial[state] = Object.fromEntries(Object.entries(byBand).flatMap(([label, count]) => years(label).map((y, _, all) => [y, count / all.length])));
  }
  const modelFile = join(dir, 'example-single-ages.yaml');
  writeFileSync(modelFile, stringify(doc));
  const scenarioFiles = scenarios.map((name) => {
    const s = parse(readFileSync(join(root, 'scenarios', `${name}.yaml`), 'utf8'));
    for (const list of [s.changes ?? [], s.programmes ?? []]) {
      for (const item of list) {
        const target = item.serves ?? item;
        if (target.ages) target.ages = [target.ages].flat().flatMap((l) => years(String(l)));
      }
    }
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, stringify(s));
    return file;
  });
  return { modelFile, scenarioFiles };
}
