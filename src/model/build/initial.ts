/** The `initial` section: stocks at the start date, and the entry state derived from the population. */
import { resolve } from 'node:path';
import { cellNumber, missingColumns, readCsv, type CsvTable } from '../../io/csv.js';
import { parseBand, withBandSuggestion } from '../bands.js';
import { populationAt } from '../population.js';
import type { ModelFile } from '../schema.js';
import type { Population, State } from '../types.js';
import type { AgesSection } from './ages.js';
import { fmt, pushReadError, type IssueCollector, type Path, type PendingIssue } from './issues.js';
import type { StatesSection } from './states.js';
import { withSuggestion } from '../suggest.js';

/**
 * `initial[b][s]`: children in state s and band b at the start date, from the file's map or a
 * CSV. Where the model follows a projection and the entry state's stock is not given, it is the
 * population less the other active states (and the band is recorded as derived).
 */
export function buildInitial(raw: ModelFile, c: IssueCollector, st: StatesSection, ag: AgesSection, population: Population | null, start: Date | null, dir: string, file: string): number[][] {
  const { states, n } = st;
  const { bands } = ag;
  const initial = bands.map(() => new Array<number>(n).fill(0));
  const given = bands.map(() => new Array<boolean>(n).fill(false));
  // Where each stock was written (a field of the model, or a CSV row), to point problems at it.
  const source = new Map<string, StockSource>();
  if ('file' in raw.initial && typeof raw.initial.file === 'string') {
    readInitialCsv(resolve(dir, raw.initial.file), file, states, st.index, ag, initial, given, source, c.issues);
  } else {
    for (const [sid, v] of Object.entries(raw.initial as Record<string, number | Record<string, number>>)) {
      const s = st.ref(['initial', sid], sid);
      if (s < 0) continue;
      if (typeof v === 'number') {
        if (ag.declared) c.add(['initial', sid], 'the model has age bands, so give the stock per band', `a map such as { ${bands[0].label}: 120, ${bands[1]?.label ?? bands[0].label}: 80 }`);
        else { initial[0][s] = v; given[0][s] = true; source.set(`0|${s}`, { path: ['initial', sid] }); }
        continue;
      }
      for (const [label, count] of Object.entries(v)) {
        if (label === 'all' && ag.declared) {
          c.add(['initial', sid, label], 'the model has age bands, so give the stock per band, not for all ages', `one of ${bands.map((x) => x.label).join(', ')}`);
          continue;
        }
        const b = ag.resolve(['initial', sid, label], label);
        if (b.length === 1) { initial[b[0]][s] = count; given[b[0]][s] = true; source.set(`${b[0]}|${s}`, { path: ['initial', sid, label] }); }
      }
    }
  }
  if (population?.kind === 'projection' && start) {
    const e = st.index.get(population.entryState)!;
    const target = populationAt(population.projection, start);
    bands.forEach((band, b) => {
      if (b >= target.length) return; // past the ages the population counts (population.ages): not followed
      if (given[b][e]) return; // stated by the user: kept, and the first step adjusts to the projection
      let others = 0;
      let largest = -1;
      for (let s = 0; s < n; s++) {
        if (s === e || states[s].absorbing) continue;
        others += initial[b][s];
        if (largest < 0 || initial[b][s] > initial[b][largest]) largest = s;
      }
      if (target[b] < others) {
        // Point at the largest stock of the band: the likeliest to be wrong, and where to look.
        const message = `ages ${band.label}: the other states hold ${fmt(others)} children (${states[largest].id} the most, ${fmt(initial[b][largest])}), more than the projected population of ${fmt(target[b])}`;
        const expected = `stocks within the population (${population.projection.source})`;
        const at = source.get(`${b}|${largest}`);
        if (at && 'location' in at) c.located({ location: at.location, path: 'children', message, expected });
        else c.add(at?.path ?? ['initial'], message, expected);
      }
      initial[b][e] = Math.max(0, target[b] - others);
      population.derivedBands.push(b);
    });
  }
  return initial;
}

/** Where a stock was written: a field of the model file, or a row of the stock CSV. */
type StockSource = { path: Path } | { location: { file: string; line: number } };

function readInitialCsv(
  file: string,
  modelFile: string,
  states: State[],
  index: Map<string, number>,
  ag: AgesSection,
  initial: number[][],
  given: boolean[][],
  source: Map<string, StockSource>,
  issues: PendingIssue[],
): void {
  let table: CsvTable;
  try {
    table = readCsv(file, modelFile);
  } catch (err) {
    pushReadError(err, ['initial', 'file'], issues);
    return;
  }
  const { bandIndex, declared: hasAges, bands } = ag;
  const cols = hasAges ? ['state', 'age_band', 'children'] : ['state', 'children'];
  const missing = missingColumns(table, cols);
  if (missing.length) {
    missing.forEach((i) => issues.push({ path: [], message: '', located: i }));
    return;
  }
  for (const row of table.rows) {
    const at = (column: string, message: string, expected: string): void => {
      issues.push({ path: [], message: '', located: { location: { file, line: row.line }, path: column, message, expected } });
    };
    const s = index.get(row.values.state);
    if (s === undefined) { at('state', withSuggestion(`unknown state '${row.values.state}'`, row.values.state, states.map((x) => x.id)), `one of ${states.map((x) => x.id).join(', ')}`); continue; }
    const label = hasAges ? parseBand(row.values.age_band)?.label : 'all';
    const b = label === undefined ? undefined : bandIndex.get(label);
    if (b === undefined) { at('age_band', withBandSuggestion(`unknown age band '${row.values.age_band}'`, row.values.age_band, bands), `one of ${[...bandIndex.keys()].join(', ')}`); continue; }
    const c = cellNumber(table, row, 'children');
    if (typeof c !== 'number') { issues.push({ path: [], message: '', located: c }); continue; }
    // One row per state and band: a repeated one would be added in without a word.
    const first = source.get(`${b}|${s}`);
    if (first && 'location' in first) {
      at(hasAges ? 'age_band' : 'state', `state ${row.values.state}${hasAges ? `, ages ${row.values.age_band}` : ''} appears twice (first on line ${first.location.line})`, `one row per state${hasAges ? ' and age band' : ''}`);
      continue;
    }
    initial[b][s] = c;
    given[b][s] = true;
    source.set(`${b}|${s}`, { location: { file, line: row.line } });
  }
}
