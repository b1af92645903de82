/** Whether a scenario changes nothing: its results are the baseline's exactly (e.g. `scenarios/baseline.yaml`). */
import type { WorkforceResult } from '../engine/workforce.js';
import type { ComparisonSummary, ScenarioComparison } from './comparison.js';

const WORKFORCE_FIGURES = ['needed', 'permanent', 'agency', 'agencyCost'] as const;

function sameWorkforce(a: WorkforceResult[] = [], b: WorkforceResult[] = []): boolean {
  return a.length === b.length && a.every((w, i) => WORKFORCE_FIGURES.every((k) => w[k].every((v, j) => v === b[i][k][j])));
}

/**
 * True when scenario `s` gives the baseline's results exactly: children, cost of services, no
 * programme, the same workforce. (A scenario with no changes reproduces the baseline exactly.)
 */
export function sameAsBaseline(s: ScenarioComparison, sum: ComparisonSummary): boolean {
  return (
    s.programmes.length === 0 &&
    s.years.every((y) => y.grossCost === y.baselineGrossCost && y.programmeCost === 0 && y.stockDiff.every((d) => d === 0)) &&
    sameWorkforce(s.workforce, sum.baseline.workforce)
  );
}
