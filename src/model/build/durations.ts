/**
 * The `durations` section: which states have duration bands, the bands in months, and the rates
 * per band. Checked here against the file; `model/durations.ts` expands the built model.
 */
import { expandDurations, type DurationDecl, type DurationBandDecl } from '../durations.js';
import type { Model } from '../types.js';
import { expandHistory, type HistoryDecl } from '../history.js';
import { MONTHS_PER_STEP } from '../time.js';
import type { ModelFile } from '../schema.js';
import { withSuggestion } from '../suggest.js';
import { fmt, type IssueCollector, type Path, type PendingIssue } from './issues.js';
import type { StatesSection } from './states.js';

/** Tolerance for band shares of the start stock to add up to 1. */
const SHARE_TOLERANCE = 1e-9;

/** A band's label in words: months, or years where both ends are whole years. */
export function durationBandLabel(from: number, to: number | null): string {
  const years = from % 12 === 0 && (to === null || to % 12 === 0);
  const unit = (m: number) => (years ? `${m / 12} year${m === 12 ? '' : 's'}` : `${m} month${m === 1 ? '' : 's'}`);
  if (to === null) return `${unit(from)} or more`;
  if (from === 0) return `under ${unit(to)}`;
  return years ? `${from / 12}-${to / 12} years` : `${from}-${to} months`;
}

/** The bands `[3, 12]` describe: `0-3`, `3-12`, `12+` (keys as written in the file). */
export function durationBands(ends: number[]): DurationBandDecl[] {
  const edges = [0, ...ends];
  return edges.map((from, k) => {
    const to = k < ends.length ? ends[k] : null;
    return { key: to === null ? `${from}+` : `${from}-${to}`, from, to, label: durationBandLabel(from, to) };
  });
}

/** Reads the declarations; problems go to `c` (the declaration is left out). */
export function buildDurations(raw: ModelFile, c: IssueCollector, st: StatesSection): DurationDecl[] {
  const out: DurationDecl[] = [];
  const section = raw.durations;
  if (!section) return out;
  const stepMonths = MONTHS_PER_STEP[raw.time.step];
  if (raw.transitions.per === 'year' && stepMonths < 12) {
    c.add(['transitions', 'per'], 'duration bands count steps, so they need per-step probabilities', `transitions.per: step (${raw.time.step}ly probabilities), or no durations section`);
    return out;
  }
  for (const [id, d] of Object.entries(section)) {
    const base: Path = ['durations', id];
    const i = st.ref(base, id, { active: true });
    if (i < 0) continue;
    let ok = true;
    const problem = (path: Path, message: string, expected?: string) => {
      c.add(path, message, expected);
      ok = false;
    };
    d.bands.forEach((m, k) => {
      if (k > 0 && m <= d.bands[k - 1]) problem([...base, 'bands', k], `band ends must rise: ${m} months after ${d.bands[k - 1]}`, 'band ends in months, rising, e.g. [3, 12, 24]');
      else if (m % stepMonths !== 0) problem([...base, 'bands', k], `${m} months is not a whole number of ${raw.time.step}ly steps`, `a multiple of ${stepMonths} months`);
    });
    const bands = durationBands(d.bands);
    const keys = bands.map((b) => b.key);
    const bandOf = (path: Path, key: string): number => {
      const k = keys.indexOf(key);
      if (k < 0) problem(path, withSuggestion(`'${key}' is not one of the bands of '${id}'`, key, keys), `one of ${keys.join(', ')}`);
      return k;
    };
    const rows: (Map<string, number> | null)[] = bands.map(() => null);
    for (const [key, cells] of Object.entries(d.rows ?? {})) {
      const k = bandOf([...base, 'rows', key], key);
      const row = new Map<string, number>();
      let sum = 0;
      for (const [to, v] of Object.entries(cells)) {
        const j = st.ref([...base, 'rows', key, to], to);
        if (j < 0) { ok = false; continue; }
        if (j === i) { problem([...base, 'rows', key, to], `'${to}' is the state itself: its stay probability is the complement of its moves`, 'moves to other states'); continue; }
        row.set(to, v);
        sum += v;
      }
      if (sum > 1 + SHARE_TOLERANCE) problem([...base, 'rows', key], `the moves of band ${key} add up to ${fmt(sum)}, more than 1`, 'moves that add up to at most 1');
      if (k >= 0) rows[k] = row;
    }
    const factor = bands.map(() => 1);
    for (const [key, f] of Object.entries(d.factor ?? {})) {
      const k = bandOf([...base, 'factor', key], key);
      if (k >= 0) factor[k] = f;
    }
    let initial: DurationDecl['initial'] = 'steady';
    if (typeof d.initial === 'string') initial = d.initial;
    else if (d.initial) {
      const shares = bands.map(() => 0);
      for (const [key, s] of Object.entries(d.initial)) {
        const k = bandOf([...base, 'initial', key], key);
        if (k >= 0) shares[k] = s;
      }
      const sum = shares.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > SHARE_TOLERANCE) problem([...base, 'initial'], `the shares of the start stock add up to ${fmt(sum)}, not 1`, 'shares by band that add up to 1');
      initial = shares;
    }
    if (ok) out.push({ state: id, bands, exact: d.exact ?? false, rows, factor, initial, path: base });
  }
  return out;
}

/**
 * A built model with its history flags then its duration bands expanded (`model/history.ts`,
 * `model/durations.ts`); unchanged without either.
 */
export function withDurations(c: IssueCollector, decls: { history: HistoryDecl[]; durations: DurationDecl[] }, built: { model: Model; issues: PendingIssue[] }): { model: Model | null; issues: PendingIssue[] } {
  if (!decls.history.length && !decls.durations.length) return built;
  let model = built.model;
  if (decls.history.length) model = expandHistory(model, decls.history, c);
  if (decls.durations.length && !c.count) model = expandDurations(model, decls.durations, c);
  return { issues: c.issues, model: c.count ? null : model };
}
