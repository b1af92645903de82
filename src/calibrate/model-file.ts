/** Writes a calibrated council model as a model file (YAML) and its population CSV. */
import type { Council } from '../io/published.js';
import type { Calibration } from './fit.js';
import { MOVES, STATES } from './structure.js';
import type { HazardTrend } from './trend.js';
import { SHOCKED, type FittedShock } from './intervals.js';

/** The year shocks to write, and where their targets came from (one comment line each). */
export interface ShockSection {
  shocks: Pick<FittedShock, 'series' | 'sd' | 'persistence' | 'target' | 'fitted'>[];
  source: string[];
}

const widths = (xs: number[]) => xs.map((x) => x.toFixed(3)).join(' / ');

/** The `uncertainty.year_shocks` section, with the target and fitted 80% widths of each series. */
export function yearShockLines(s: ShockSection): string {
  const lines = ['', 'uncertainty:', ...s.source.map((l) => `  # ${l}`), '  year_shocks:'];
  for (const x of s.shocks) {
    const m = SHOCKED[x.series];
    lines.push(`    # ${x.series}: 80% width of log(actual / forecast) at 1 / 2 / 3 years: target ${widths(x.target)}, these shocks ${widths(x.fitted)}`);
    lines.push(`    - { label: "year shock: ${m.label}", from: [${m.from.join(', ')}], to: ${m.to}, sd: ${+x.sd.toPrecision(4)}, persistence: ${x.persistence} }`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The model file text: monthly probabilities, stocks at 31 March of the window's last year, and
 * the population file it names. The population CSV spreads each published 0-17 total evenly over
 * single years (the model has no ages, so only the total counts) and holds the last published
 * year flat to the horizon.
 */
export function calibratedModelFiles(council: Council, cal: Calibration, populationFile: string, trend: HazardTrend | null = null, horizon = 10, shocks: ShockSection | null = null): { yaml: string; csv: string } {
  const last = council.years.get(cal.to)!;
  const rows = STATES.map((from, i) => {
    const moves = MOVES.map(([a, b], k) => (a === i ? `${STATES[b]}: ${+cal.p[k].toPrecision(6)}` : null)).filter(Boolean);
    return `        ${from}: { ${moves.join(', ')} }`;
  });
  const years = [...council.years.values()].filter((y) => y.population !== null).sort((a, b) => a.year - b.year);
  const lines = ['age,mid_year,population'];
  const lastMid = years[years.length - 1].year - 1;
  for (const y of years) for (let age = 0; age < 18; age++) lines.push(`${age},${y.year - 1},${+(y.population! / 18).toFixed(4)}`);
  for (let mid = lastMid + 1; mid <= cal.to + horizon + 1; mid++) for (let age = 0; age < 18; age++) lines.push(`${age},${mid},${+(years[years.length - 1].population! / 18).toFixed(4)}`);
  const err = (s: string) => {
    const pts = cal.points.filter((p) => p.series === s);
    return pts.length ? `${(pts.reduce((a, p) => a + Math.abs(p.fitted - p.observed) / p.observed, 0) / pts.length * 100).toFixed(1)}%` : 'not published';
  };
  const yaml = `# ${council.name} (${council.code}): calibrated by \`carecast calibrate\` to DfE figures for the years
# ending 31 March ${cal.from + 1} to ${cal.to} (data/published/la_timeseries_2013_2022.csv, Open Government
# Licence v3.0). Mean absolute errors of the fit: cin ${err('cin')}, cpp ${err('cpp')}, cla ${err('cla')},
# cin_starts ${err('cin_starts')}, cpp_starts ${err('cpp_starts')}, cla_starts ${err('cla_starts')}, cla_ceased ${err('cla_ceased')}.
# States map onto DfE's definitions as src/calibrate/structure.ts says: DfE's CIN = cin + cpp + cic.
# Early help is not published, so it is part of universal here.
carecast: 1
name: ${council.name} (calibrated ${cal.from}-${cal.to})
description: >
  Four states calibrated to published stocks and flows; monthly probabilities; population held at
  the last published estimate beyond mid-${lastMid}.

time:
  start: ${cal.to}-04-01
  step: month
  horizon_years: ${horizon}

states:
  - { id: universal, label: "Universal (incl. early help)" }
  - { id: cin, label: "Child in need (not on a plan or in care)" }
  - { id: cpp, label: Child protection plan }
  - { id: cic, label: Child in care }

transitions:
  per: step
  matrices:
    - rows:
${rows.join('\n')}
${trend ? `  by_year:                 # England's trend in the hazard of leaving care to ${cal.to}, damped
    - { from: cic, to: [universal, cin], trend: { change: ${+trend.change.toPrecision(6)}, damping: ${trend.damping}, from: ${trend.from} } }
` : ''}
population:
  entry_state: universal
  projection:
    file: ${populationFile}

initial:                 # 31 March ${cal.to}, published
  cin: ${last.values.cin! - last.values.cpp! - last.values.cla!}
  cpp: ${last.values.cpp}
  cic: ${last.values.cla}

report:
  groups:
    - { id: cin_dfe, label: "CIN, DfE definition", states: [cin, cpp, cic] }
${shocks ? yearShockLines(shocks) : ''}`;
  return { yaml, csv: lines.join('\n') + '\n' };
}
