#!/usr/bin/env node
/**
 * Writes the data behind models/send/buckinghamshire.yaml from DfE's SEN2 tables and the ONS
 * projection (data/published/, Open Government Licence v3.0), and prints the figures the model
 * file holds. Run from the repository root:
 *
 *   node data/send/derive.mjs /work/shared/data/published
 *
 * The argument is the folder of the full published tables (data/published/README.md of the
 * shared data); what is used is copied, filtered, into data/published/ and data/send/:
 *   - data/published/ehcp_totals_by_la_2010_2025.csv: EHCPs (statements and EHCPs to 2018) at
 *     January by council, with the new plans of the calendar year before: the backtest's series;
 *   - data/send/buckinghamshire-sen2.csv: Buckinghamshire's caseload by age and establishment
 *     2024-2025, new plans 2024 by age and establishment, ceased plans 2022-2024 by reason;
 *   - data/send/buckinghamshire-population.csv: ages 0-25 (0-17 ONS; 18-25 derived, below).
 * Assumptions are stated where made (data/README.md, "SEND model").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const src = process.argv[2] ?? '/work/shared/data/published';
const LA = '825'; // Buckinghamshire's DfE number (GSS E10000002, then E06000060)

/** Minimal CSV reader: the SEN2 files have no quoted commas in the columns read here. */
function rows(file) {
  const [head, ...lines] = readFileSync(join(src, file), 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}
const num = (v) => (/^-?\d+(\.\d+)?$/.test(v ?? '') ? Number(v) : null);

// --- The backtest series: total EHCPs by council and January, statements included to 2018, and
// new plans in the calendar year before each January (the plans that January's count gained).
const caseload = rows('ehcp_caseload_by_la_age_and_establishment_2010_2025.csv');
const newPlans = rows('ehcp_new_plans_by_la_age_and_establishment_2009_2024.csv');
const isTotal = (r) => r.geographic_level === 'Local authority' && r.category === 'Total' && (r.breakdown === 'total' || r.breakdown === 'age band');
// A council's published total must equal the sum of its single years of age (2019 on): in the
// copy used, 2022's total row of every Yorkshire and the Humber council holds the region's total
// (6,078); there the sum of the ages is taken, and the row says so.
const ageSums = (table, column) => {
  const sums = new Map();
  for (const r of table) {
    if (r.geographic_level !== 'Local authority' || !r.breakdown.startsWith('age') || r.breakdown === 'age band' || Number(r.year) < 2019) continue;
    const key = `${r.dfe_la_number}|${r.year}`;
    const v = num(r[column]);
    const t = sums.get(key) ?? 0;
    sums.set(key, v === null || t === null ? null : t + v);
  }
  return sums;
};
const checked = (r, v, sums, notes, key) => {
  const sum = sums.get(`${r.dfe_la_number}|${r.year}`);
  if (v === null || sum === undefined || sum === null || sum === v) return v;
  notes.set(key, `published total ${v} is not the sum of the ages ${sum}; the sum is used`);
  return sum;
};
const notes = new Map();
const newAges = ageSums(newPlans, 'new_ehc_plans');
const stockAges = ageSums(caseload, 'ehc_plans');
const newByKey = new Map();
for (const r of newPlans.filter(isTotal)) {
  const key = `${r.dfe_la_number}|${Number(r.year) + 1}`;
  const v = Number(r.year) <= 2018 ? num(r.new_statements_and_ehc_plans) : checked(r, num(r.new_ehc_plans), newAges, notes, `${key}|new`);
  if (v !== null && !newByKey.has(key)) newByKey.set(key, v);
}
const series = ['dfe_la_number,la_name,year,ehcps,new_plans_year_before,source_release,note'];
const seen = new Set();
for (const r of caseload.filter(isTotal).sort((a, b) => a.dfe_la_number.localeCompare(b.dfe_la_number) || a.year - b.year)) {
  const key = `${r.dfe_la_number}|${r.year}`;
  const v = Number(r.year) <= 2018 ? num(r.statements_and_ehc_plans) : checked(r, num(r.ehc_plans), stockAges, notes, `${key}|stock`);
  if (v === null || seen.has(key)) continue;
  seen.add(key);
  const note = [notes.get(`${key}|stock`) && `plans: ${notes.get(`${key}|stock`)}`, notes.get(`${key}|new`) && `new plans: ${notes.get(`${key}|new`)}`].filter(Boolean).join('; ');
  series.push([r.dfe_la_number, r.la_name.includes(',') ? `"${r.la_name}"` : r.la_name, r.year, v, newByKey.get(key) ?? '', r.source_release, note].join(','));
}
writeFileSync('data/published/ehcp_totals_by_la_2010_2025.csv', series.join('\n') + '\n');

// --- Buckinghamshire's own figures.
const ceased = rows('ehcp_requests_assessments_ceased_by_la_2014_2024.csv');
const mine = [
  'table,year,breakdown,category,value',
  ...caseload.filter((r) => r.dfe_la_number === LA && Number(r.year) >= 2024).map((r) => ['caseload', r.year, r.breakdown, r.category, r.ehc_plans].join(',')),
  ...newPlans.filter((r) => r.dfe_la_number === LA && r.year === '2024').map((r) => ['new_plans', r.year, r.breakdown, r.category, r.new_ehc_plans].join(',')),
  ...ceased.filter((r) => r.dfe_la_number === LA && r.table.startsWith('ceased')).map((r) => ['ceased', r.year, 'reason', r.measure, r.value].join(',')),
];
writeFileSync('data/send/buckinghamshire-sen2.csv', mine.join('\n') + '\n');

// Settings, from the 2025 release's establishment columns (models/send/README.md).
const SETTINGS = ['mainstream', 'resourced', 'state_special', 'independent_special', 'post16', 'other'];
function bySetting(get) {
  const rp = ['mainstream_academy_resourced_provision', 'mainstream_academy_senunit', 'mainstream_free_school_resourced_provision', 'mainstream_free_school_senunit', 'mainstream_la_maintained_resourced_provision', 'mainstream_la_maintained_senunit'].reduce((t, k) => t + (get(k) ?? 0), 0);
  const s = {
    mainstream: get('mainstream_total') - rp,
    resourced: rp,
    state_special: get('special_academy_free') + get('special_la_maintained'),
    independent_special: get('special_independent') + get('special_non_maintained'),
    post16: get('fe_total'),
  };
  s.other = get('Total') - Object.values(s).reduce((t, v) => t + v, 0);
  return s;
}
const pick = (table, year, breakdown) => (k) => num(mine.map((l) => l.split(',')).find((c) => c[0] === table && c[1] === year && (c[2] === breakdown || c[2] === 'total') && c[3] === k)?.[4]);
const stock = bySetting(pick('caseload', '2025', 'establishment'));
const joiners = bySetting(pick('new_plans', '2024', 'establishment'));

// Ages into the model's bands: DfE's under 5, 5-10 and 11-15, then single years 16-25 (post-16
// plans end at very different ages, and the few at 25 must not be spread over 20-25).
const BANDS = [[0, 4], [5, 10], [11, 15], ...Array.from({ length: 10 }, (_, i) => [16 + i, 16 + i])];
const label = ([a, b]) => (a === b ? `${a}` : `${a}-${b}`);
function byBand(table, year, breakdown, ageOf) {
  const out = BANDS.map(() => 0);
  for (const l of mine) {
    const c = l.split(',');
    if (c[0] !== table || c[1] !== year || c[2] !== breakdown) continue;
    const a = ageOf(c[3]);
    const v = num(c[4]);
    if (a === null || v === null) continue;
    out[BANDS.findIndex(([lo, hi]) => a >= lo && a <= hi)] += v;
  }
  return out;
}
const ageOf = (cat) => (/under 3|2 and under/.test(cat) ? 2 : /20 and over/.test(cat) ? 20 : num(cat.replace('age ', '')));
const stockByBand = byBand('caseload', '2025', 'age (single year)', ageOf);
const joinerAges = byBand('new_plans', '2024', 'age when plan started (single year)', ageOf);

// Setting × band, which SEN2 does not cross: raked (iterative proportional fitting) from a seed
// saying which settings serve which ages (assumptions: early years and nursery provision under
// 5 in `other`; school settings 4-19; post-16 from 16; the seed's relative weights are guesses
// that raking makes consistent with both DfE margins).
const SEED_BY_AGE = {
  mainstream: (a) => (a < 4 ? 0.1 : a <= 15 ? 1 : a <= 19 ? 0.4 : 0),
  resourced: (a) => (a < 4 ? 0 : a <= 15 ? 1 : a <= 19 ? 0.3 : 0),
  state_special: (a) => (a < 4 ? 0.1 : a <= 15 ? 1 : a <= 19 ? 1 : 0),
  independent_special: (a) => (a < 5 ? 0 : a <= 10 ? 0.6 : a <= 19 ? 1 : 0.2),
  post16: (a) => (a < 16 ? 0 : 1),
  other: (a) => (a < 4 ? 1 : a <= 15 ? 0.3 : 0.6),
};
const SEED = Object.fromEntries(SETTINGS.map((s) => [s, BANDS.map(([lo, hi]) => { let t = 0; for (let a = lo; a <= hi; a++) t += SEED_BY_AGE[s](a); return t / (hi - lo + 1); })]));
function rake(rowTotals, colTotals) {
  const m = SETTINGS.map((s) => SEED[s].slice());
  for (let it = 0; it < 500; it++) {
    SETTINGS.forEach((s, i) => {
      const t = m[i].reduce((a, v) => a + v, 0);
      if (t > 0) m[i] = m[i].map((v) => (v * rowTotals[s]) / t);
    });
    BANDS.forEach((_, b) => {
      const t = m.reduce((a, r) => a + r[b], 0);
      if (t > 0) m.forEach((r) => (r[b] *= colTotals[b] / t));
    });
  }
  return m;
}
const round = (x, d = 0) => Math.round(x * 10 ** d) / 10 ** d;
const initial = rake(stock, stockByBand);
const newByCell = rake(joiners, joinerAges);

// Population 0-25 at 30 June. Ages 0-17: ONS 2022-based SNPP for Buckinghamshire (E06000060).
// Ages 18-25 are not in the bundled projection: each is the cohort's count at 17 carried forward
// (ages 18-25 in year y are age 17 in year y - (a - 17), or in 2022 for cohorts older than that),
// times 0.85 for young adults who leave for study and work net of those who arrive (an
// assumption). Replace with the ONS SNPP file for ages 18-25 (models/README.md, "projection").
const pop = rows('snpp2022_population_age0_17_by_la.csv').filter((r) => r.la_code === 'E06000060');
const at = new Map(pop.map((r) => [`${r.age}|${r.mid_year}`, Number(r.population)]));
const YOUNG_ADULT_FACTOR = 0.85;
const years = [...new Set(pop.map((r) => Number(r.mid_year)))].sort();
const popLines = ['age,mid_year,population,source'];
for (const y of years) {
  for (let a = 0; a <= 25; a++) {
    if (a <= 17) popLines.push(`${a},${y},${at.get(`${a}|${y}`)},ONS SNPP 2022-based`);
    else popLines.push(`${a},${y},${round(at.get(`17|${Math.max(2022, y - (a - 17))}`) * YOUNG_ADULT_FACTOR, 3)},derived: age 17 carried forward x ${YOUNG_ADULT_FACTOR}`);
  }
}
writeFileSync('data/send/buckinghamshire-population.csv', popLines.join('\n') + '\n');

// Joiners: new plans per child without a plan, by band, at mid-2024's population.
const popBand = BANDS.map(([lo, hi]) => { let t = 0; for (let a = lo; a <= hi; a++) t += Number(popLines.find((l) => l.startsWith(`${a},2024,`)).split(',')[2]); return t; });
const noPlan = popBand.map((p, b) => p - stockByBand[b]);

console.log('# January 2025 stock by setting:', stock);
console.log('# New plans 2024 by setting:', joiners);
console.log('# Population mid-2024 by band:', popBand.map((x) => round(x)), 'stock by band', stockByBand, 'new plans by band', joinerAges);
console.log('initial:');
// Whole children, each setting's total kept (largest remainder), so the stock adds up to SEN2's.
const whole = (row, total) => {
  const floor = row.map(Math.floor);
  const order = row.map((v, j) => [v - Math.floor(v), j]).sort((x, y) => y[0] - x[0]);
  const short = total - floor.reduce((t, v) => t + v, 0);
  for (let k = 0; k < short; k++) floor[order[k][1]]++;
  return floor;
};
SETTINGS.forEach((s, i) => console.log(`  ${s}: { ${whole(initial[i], stock[s]).map((v, j) => [label(BANDS[j]), v]).filter(([, v]) => v > 0).map(([l, v]) => `${l}: ${v}`).join(', ')} }`));
console.log('# joiners: a year, per child without a plan, by band and setting');
BANDS.forEach((b, j) => console.log(`    - ages: [${label(b)}]\n      rows:\n        no_plan: { ${SETTINGS.map((s, i) => `${s}: ${(newByCell[i][j] / noPlan[j]).toPrecision(3)}`).filter((x) => !/: 0\.00$|: 0$/.test(x)).join(', ')} }`));
