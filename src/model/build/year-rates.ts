/** The `transitions.by_year` section: moves whose probability changes by financial year. */
import { financialYearLabel, financialYearOf, parseFinancialYear } from '../time.js';
import type { ModelFile } from '../schema.js';
import type { ModelUncertainty, TransitionMatrix, YearRate, YearRule } from '../types.js';
import { yearMatrices } from '../year-rates.js';
import type { AgesSection } from './ages.js';
import { fmt, type IssueCollector, type Path } from './issues.js';
import type { StatesSection } from './states.js';
import { ROW_SUM_TOLERANCE } from './transitions.js';

/** A financial year written `2025` or `2025/26` (or `2025-26`): its first calendar year, or null. */
export function readFinancialYear(text: string): number | null {
  return /^\d{4}$/.test(text) ? +text : parseFinancialYear(text);
}

const YEAR_EXPECTED = 'a financial year such as 2025/26 (or 2025, its first calendar year)';

/**
 * Reads each entry into a `YearRate` and checks that every year's rows stay probabilities: a
 * move above 1, or moves that leave the stay probability below 0 in some year, are problems at
 * the entry. A trend is checked at its limit too (it moves monotonically towards it).
 */
export function buildYearRates(raw: ModelFile, c: IssueCollector, st: StatesSection, ag: AgesSection, matrices: TransitionMatrix[], start: Date | null): YearRate[] {
  const entries = raw.transitions.by_year ?? [];
  const out: YearRate[] = [];
  const firstYear = start ? financialYearOf(start) : 2000;
  const taken = new Map<string, number>();
  entries.forEach((e, i) => {
    const path: Path = ['transitions', 'by_year', i];
    const given = (['value', 'factor', 'trend'] as const).filter((k) => e[k] !== undefined);
    if (given.length !== 1) {
      c.add(path, given.length ? `give one of value, factor or trend, not ${given.join(' and ')}` : 'give value (a probability by year), factor (a multiple by year) or trend', 'one of value, factor, trend');
      return;
    }
    const from = st.ref([...path, 'from'], e.from, { active: true });
    const toIds = typeof e.to === 'string' ? [e.to] : e.to;
    const to = toIds.map((id, j) => st.ref([...path, 'to', ...(typeof e.to === 'string' ? [] : [j])], id));
    const bands = ag.resolve([...path, 'ages'], e.ages);
    if (from < 0 || to.some((t) => t < 0) || ag.broken) return;
    if (to.includes(from)) {
      c.add([...path, 'to'], `'${e.from}' is the row's own state: its stay probability is the complement of the moves`, 'the moves whose probability changes');
      return;
    }
    let bad = false;
    for (const t of to) for (const b of bands) {
      const key = `${from}|${t}|${b}`;
      if (taken.has(key)) {
        c.add(path, `the move ${e.from} to ${st.states[t].id}${ag.declared ? ` in ages ${ag.bands[b].label}` : ''} already changes by year (transitions.by_year[${taken.get(key)}])`, 'one entry per move and age band');
        bad = true;
      }
      taken.set(key, i);
    }
    const rule = readRule(c, path, e, firstYear);
    if (!rule || bad) return;
    out.push({ from, to, bands, rule });
  });
  if (c.count === 0) checkRows(c, out, matrices, st, ag, firstYear);
  return out;
}

/** The entry's rule, or null after collecting its problems. */
function readRule(c: IssueCollector, path: Path, e: NonNullable<ModelFile['transitions']['by_year']>[number], firstYear: number): YearRule | null {
  if (e.trend) {
    const from = e.trend.from === undefined ? firstYear : readFinancialYear(e.trend.from);
    if (from === null) {
      c.add([...path, 'trend', 'from'], `'${e.trend.from}' is not a financial year`, YEAR_EXPECTED);
      return null;
    }
    return { kind: 'trend', change: e.trend.change, damping: e.trend.damping, from };
  }
  const kind = e.value ? 'value' : 'factor';
  const table = (e.value ?? e.factor)!;
  const years: [number, number][] = [];
  let ok = true;
  for (const [k, v] of Object.entries(table)) {
    const fy = readFinancialYear(k);
    if (fy === null) {
      c.add([...path, kind, k], `'${k}' is not a financial year`, YEAR_EXPECTED);
      ok = false;
    } else if (years.some(([y]) => y === fy)) {
      c.add([...path, kind, k], `${financialYearLabel(fy)} is given twice`, 'one value per financial year');
      ok = false;
    } else years.push([fy, v]);
  }
  if (ok && years.length === 0) {
    c.add([...path, kind], 'no years given', `at least one ${YEAR_EXPECTED}`);
    ok = false;
  }
  return ok ? { kind, years: years.sort((a, b) => a[0] - b[0]) } : null;
}

/**
 * Every year's rows must be probabilities. Rules are constant after their last listed year and
 * trends monotone, so the years to the last one listed, the year after, and a far year (a
 * trend's limit) are every case.
 */
function checkRows(c: IssueCollector, rates: YearRate[], matrices: TransitionMatrix[], st: StatesSection, ag: AgesSection, firstYear: number): void {
  const listed = rates.flatMap((r) => (r.rule.kind === 'trend' ? [r.rule.from] : r.rule.years.map(([y]) => y)));
  const last = Math.max(firstYear, ...listed) + 1;
  const years = [...Array.from({ length: last - firstYear + 1 }, (_, k) => firstYear + k), last + 1000];
  const reported = new Set<string>();
  for (const fy of years) {
    const m = yearMatrices(matrices, rates, fy);
    rates.forEach((r, i) => {
      for (const b of r.bands) {
        const { n, p } = m[b];
        const stay = p[r.from * n + r.from];
        const over = r.to.find((t) => p[r.from * n + t] > 1 + ROW_SUM_TOLERANCE);
        const key = `${i}|${b}`;
        if ((stay >= -ROW_SUM_TOLERANCE && over === undefined) || reported.has(key)) continue;
        reported.add(key);
        const when = fy > last ? 'in the long run (the trend\'s limit)' : `in ${financialYearLabel(fy)}`;
        const where = ag.declared ? ` in ages ${ag.bands[b].label}` : '';
        const what = over !== undefined
          ? `the move ${st.states[r.from].id} to ${st.states[over].id}${where} would be ${fmt(p[r.from * n + over])} ${when}, above 1`
          : `the moves out of '${st.states[r.from].id}'${where} would add up to ${fmt(1 - stay)} ${when}, more than 1`;
        c.push({ path: ['transitions', 'by_year', i], kind: 'row_sum', message: what, expected: 'yearly probabilities whose moves out of a state add up to at most 1' });
      }
    });
  }
}

/**
 * Draws of an uncertain row or probability replace it in every year, which would undo its
 * changes by year: the two are refused together on the same row.
 */
export function uncertainYearRates(c: IssueCollector, rates: YearRate[], u: ModelUncertainty, st: StatesSection): void {
  const uncertain = [...u.rows.map((r) => ({ state: r.state, bands: r.bands })), ...u.probabilities.map((p) => ({ state: p.from, bands: p.bands }))];
  rates.forEach((r, i) => {
    if (uncertain.some((x) => x.state === r.from && x.bands.some((b) => r.bands.includes(b)))) {
      c.add(['transitions', 'by_year', i], `the row of '${st.states[r.from].id}' also has uncertainty (uncertainty.transitions or .probabilities), whose draws would replace its yearly changes`, 'rates by year or uncertainty on a row, not both');
    }
  });
}
