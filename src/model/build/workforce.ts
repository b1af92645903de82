/**
 * The `workforce` section: the supply of staff for an FTE measure (permanent FTE with turnover
 * and recruitment, the gap filled by agency workers at a premium). Every bad field is a located
 * problem; ranges are checked here rather than in the schema so each message says what is meant.
 */
import type { ModelFile } from '../schema.js';
import type { Measure, WorkforceSupply } from '../types.js';
import { fmt, type IssueCollector } from './issues.js';

/** Highest agency premium accepted (5 = six times the permanent cost): above it is a typing slip. */
export const MAX_AGENCY_PREMIUM = 5;

/** Reads each workforce supply and checks it against the model's measures. */
export function buildWorkforce(raw: ModelFile, c: IssueCollector, measures: Measure[]): WorkforceSupply[] {
  const out: WorkforceSupply[] = [];
  const seen = new Set<string>();
  (raw.workforce ?? []).forEach((w, i) => {
    const at = (field: string) => ['workforce', i, field];
    const before = c.count;
    const m = measures.find((x) => x.id === w.measure);
    if (!m) {
      const fte = measures.filter((x) => x.kind === 'fte').map((x) => x.id);
      c.add(at('measure'), `unknown measure '${w.measure}'`, fte.length ? `one of the model's FTE measures: ${fte.join(', ')}` : 'the id of a values.measures entry with kind: fte');
    } else if (m.kind !== 'fte') {
      c.add(at('measure'), `measure '${w.measure}' is not an FTE measure`, `kind: fte on values.measures '${w.measure}' (FTE per child per year)`);
    } else if (seen.has(w.measure)) {
      c.add(at('measure'), `measure '${w.measure}' already has a workforce`, 'one workforce per measure');
    }
    seen.add(w.measure);
    const nonNegative = (field: string, v: number, what: string) => {
      if (v < 0) c.add(at(field), `${what} is ${fmt(v)}, below 0`, `${what} of 0 or more`);
    };
    nonNegative('permanent_fte', w.permanent_fte, 'permanent FTE');
    if (typeof w.establishment === 'number') nonNegative('establishment', w.establishment, 'the establishment');
    if (w.turnover < 0 || w.turnover > 1) c.add(at('turnover'), `turnover ${fmt(w.turnover)} is outside 0 to 1`, 'the share of permanent FTE leaving in a year, e.g. 0.12 for 12%');
    if (typeof w.recruitment === 'number') nonNegative('recruitment', w.recruitment, 'recruitment');
    nonNegative('cost_per_fte', w.cost_per_fte, 'the cost per FTE');
    if (w.agency_premium < 0 || w.agency_premium > MAX_AGENCY_PREMIUM) {
      c.add(at('agency_premium'), `agency premium ${fmt(w.agency_premium)} is outside 0 to ${MAX_AGENCY_PREMIUM}`, 'the extra share an agency FTE costs, e.g. 0.5 for 50% more');
    }
    if (c.count > before) return;
    out.push({
      measure: w.measure,
      label: w.label ?? m!.label,
      permanent: w.permanent_fte,
      establishment: w.establishment ?? 'needed',
      turnover: w.turnover,
      recruitment: w.recruitment,
      costPerFte: w.cost_per_fte,
      agencyPremium: w.agency_premium,
    });
  });
  return out;
}
