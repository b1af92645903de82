/** The performance indicators of the baseline and each scenario, side by side by year. */
import type { ComparisonSummary } from './comparison.js';
import type { Table } from './format.js';
import { formatKpi, kpis } from './kpis.js';

/** One table: a row per indicator and scenario (the baseline first), a column per year; none without indicators. */
export function kpiComparisonTables(sum: ComparisonSummary): Table[] {
  const base = sum.baseline.history || sum.baseline.durations ? kpis(sum.baseline) : [];
  if (!base.length) return [];
  const arms = [{ name: 'Baseline', list: base }, ...sum.scenarios.map((s) => ({ name: s.name, list: s.kpis ?? [] }))];
  return [
    {
      title: 'Performance indicators by scenario',
      columns: ['Indicator', 'Scenario', ...sum.baselineYears.map((y) => (y.partial ? `${y.label} (part)` : y.label))],
      rows: base.flatMap((kpi, i) => arms.map((a) => [kpi.label, a.name, ...sum.baselineYears.map((_, k) => (a.list[i] ? formatKpi(a.list[i], k) : '–'))])),
      totalRows: [],
      note: 'From the model\'s history flags and duration bands (models/README.md): repeat starts and their share, children there 2 years or more at 31 March, and the stay of those leaving.',
    },
  ];
}
