/**
 * Rates that change by financial year: each year's matrices from the model's matrices and its
 * `transitions.by_year` rules. The stay probability of a row takes up every change to its moves,
 * so rows keep summing to 1 and no child is made or lost. The engine gives each distinct year its
 * own matrix set (`Plan.nSets`, `Plan.stepSet`); nothing here knows about steps.
 */
import type { TransitionMatrix, YearRate, YearRule } from './types.js';

/** The probability under `rule` in financial year `fy`, from the matrices' probability `base`. */
export function ruleProbability(rule: YearRule, base: number, fy: number): number {
  if (rule.kind === 'trend') {
    if (fy < rule.from) return base;
    // The k-th year from `from` (k = 1 for `from` itself): φ + φ² + … + φ^k years of change.
    const k = fy - rule.from + 1;
    const years = rule.damping === 1 ? k : (rule.damping * (1 - rule.damping ** k)) / (1 - rule.damping);
    return base * Math.exp(rule.change * years);
  }
  let held: number | null = null;
  for (const [year, v] of rule.years) if (year <= fy && (held === null || year >= held)) held = year;
  if (held === null) return base;
  const v = rule.years.find(([y]) => y === held)![1];
  return rule.kind === 'value' ? v : base * v;
}

/** The matrices of financial year `fy` (new arrays where a rule applies; the model's own otherwise). */
export function yearMatrices(matrices: TransitionMatrix[], byYear: YearRate[], fy: number): TransitionMatrix[] {
  if (byYear.length === 0) return matrices;
  const out = matrices.map((m) => ({ n: m.n, p: m.p.slice() }));
  for (const r of byYear) {
    for (const b of r.bands) {
      const { n, p } = out[b];
      const base = matrices[b].p;
      for (const to of r.to) {
        const next = ruleProbability(r.rule, base[r.from * n + to], fy);
        p[r.from * n + r.from] -= next - p[r.from * n + to];
        p[r.from * n + to] = next;
      }
    }
  }
  return out;
}

/**
 * One matrix set per distinct year's matrices, and the set each step uses (steps by their
 * financial year). With `perYear` every financial year keeps its own set, in order (set k is the
 * k-th year), even where years' matrices are the same: year shocks are then written into each.
 */
export function matrixSets(matrices: TransitionMatrix[], byYear: YearRate[] | undefined, fyOfStep: Int32Array, { perYear = false }: { perYear?: boolean } = {}): { sets: TransitionMatrix[][]; firstYear: number[]; stepSet: Int32Array } {
  const stepSet = new Int32Array(fyOfStep.length);
  if (!byYear?.length && !perYear) return { sets: [matrices], firstYear: [fyOfStep[0] ?? 0], stepSet };
  const sets: TransitionMatrix[][] = [];
  const firstYear: number[] = [];
  const byKey = new Map<string, number>();
  const byFy = new Map<number, number>();
  fyOfStep.forEach((fy, k) => {
    let set = byFy.get(fy);
    if (set === undefined) {
      const m = yearMatrices(matrices, byYear ?? [], fy);
      const key = perYear ? `year ${fy}` : m.map((x) => x.p.join(',')).join(';');
      set = byKey.get(key);
      if (set === undefined) {
        set = sets.length;
        sets.push(m);
        firstYear.push(fy);
        byKey.set(key, set);
      }
      byFy.set(fy, set);
    }
    stepSet[k] = set;
  });
  return { sets, firstYear, stepSet };
}
