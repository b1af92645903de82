// Kernel benchmark: a 10-year monthly projection of a 5-state x 18-age model, timed through
// `runPlan` (the readable reference kernel), through the specialised kernel Monte Carlo runs on
// (the floor: code generated for the plan's sparsity pattern), and through a generic dense
// Float64Array loop doing the same arithmetic.
// Writes bench/RESULTS.md. Runs on the compiled output: `npm run bench` builds first.
//
//   node bench/kernel.bench.js             # after `npm run build`
//   node bench/kernel.bench.js --no-write  # print only, leave RESULTS.md alone (for profiling)
import { cpus, platform, release, arch, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withSection } from './sections.js';

let api;
try {
  api = await import('../dist/index.js');
} catch (err) {
  console.error('bench: cannot load ../dist/index.js; build the package first with `npm run build` (or run `npm run bench`, which builds).');
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const { parseModel, compileModel, runPlan, allocateResult, writeFileAtomic, leanKernel, packValues, patternOfPlan } = api;

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'RESULTS.md');
const WRITE = !process.argv.includes('--no-write');
const WARMUP = 200;
const MIN_RUNS = 2000;
const MIN_NS_PER_TIMING = 1e9; // each timing runs for at least a second
const ROUNDS = 5;
const TARGET = 2;
const TOLERANCE = 1e-9;

// ---------------------------------------------------------------------------------------------
// The model: 5 active states + 3 absorbing exits, single-year bands 0..17, monthly steps,
// monthly probabilities (per: step, so no matrix root), births, costs, one measure,
// inflation and discounting on.

const YEARS = 10;
const START_FY = 2025;
const ACTIVE = ['universal', 'early_help', 'cin', 'cpp', 'cic'];

function modelText() {
  const ages = Array.from({ length: 18 }, (_, a) => a);
  const births = ages.slice(0, YEARS).map((i) => `    ${START_FY + i}: ${Math.round(6100 * 0.995 ** i)}`).join('\n');
  // Stocks per single year of age, shaped roughly like England's 2024 age profiles.
  const profile = {
    early_help: (a) => 150 - 2 * Math.abs(a - 8),
    cin: (a) => 110 + 3 * a,
    cpp: (a) => 36 - a,
    cic: (a) => 30 + 2 * a,
  };
  const initial = [
    `  universal: { ${ages.map((a) => `${a}: ${6000 + 15 * a - Math.round(profile.early_help(a) + profile.cin(a) + profile.cpp(a) + profile.cic(a))}`).join(', ')} }`,
    ...Object.entries(profile).map(([s, f]) => `  ${s}: { ${ages.map((a) => `${a}: ${f(a)}`).join(', ')} }`),
  ].join('\n');
  return `carecast: 1
name: Benchmark model (5 states x 18 single-year ages, monthly)
time:
  start: ${START_FY}-04-01
  step: month
  horizon_years: ${YEARS}
states:
  - { id: universal }
  - { id: early_help }
  - { id: cin }
  - { id: cpp }
  - { id: cic }
  - { id: left_care, absorbing: true }
  - { id: moved_away, absorbing: true }
  - { id: aged_18, absorbing: true }
ages:
  bands: [${ages.join(', ')}]
  age_out_to: aged_18
transitions:
  per: step
  matrices:
    - ages: all
      rows:
        universal: { early_help: 0.0019, cin: 0.0029, cpp: 0.00012, cic: 0.00005, moved_away: 0.0004 }
        early_help: { universal: 0.072, cin: 0.012, cpp: 0.001, cic: 0.0003, moved_away: 0.0015 }
        cin: { universal: 0.10, early_help: 0.02, cpp: 0.016, cic: 0.005, moved_away: 0.002 }
        cpp: { universal: 0.015, early_help: 0.01, cin: 0.06, cic: 0.012, moved_away: 0.002 }
        cic: { universal: 0.011, cin: 0.003, cpp: 0.0004, left_care: 0.007, moved_away: 0.0008 }
    - ages: [0, 1, 2, 3, 4]
      rows:
        cic: { universal: 0.008, cin: 0.003, cpp: 0.0004, left_care: 0.016, moved_away: 0.0008 }
    - ages: [16, 17]
      rows:
        cic: { universal: 0.005, cin: 0.002, left_care: 0.001, moved_away: 0.001 }
population:
  entry_state: universal
  births:
${births}
initial:
${initial}
values:
  price_base: 2024-25
  inflation: 0.03
  discount_rate: 0.035
  count: average
  costs:
    early_help: { per_year: 1800 }
    cin: { per_week: 170 }
    cpp: { per_week: 170 }
    cic: { per_week: 2100 }
  measures:
    - id: social_worker_fte
      per_year: { cin: 0.0613, cpp: 0.0613, cic: 0.0613 }
      discount_rate: 0.015
`;
}

// ---------------------------------------------------------------------------------------------
// The baseline: the same arithmetic as runPlan on the same plan, with none of its bookkeeping
// (entries, exits, ledger, population, costed moves). Same operation order, so the stocks and
// costs should match runPlan's bit for bit.

function allocateBaseline(plan) {
  const cells = plan.nPeriods * plan.nBands * plan.nStates;
  return {
    stock: new Float64Array(cells),
    cost: new Float64Array(cells),
    costDiscounted: new Float64Array(cells),
    measures: new Float64Array(cells * plan.nMeasures),
    measuresDiscounted: new Float64Array(cells * plan.nMeasures),
  };
}

/** Per step: y = x·P per band, ageing, births, cost (and, with `withMeasures`, the measures). */
function baseline(plan, out, withMeasures) {
  const { nStates: n, nBands: nb, nSteps, P, ageFrac, ageOut, births, entryState } = plan;
  const { costPerStep, price, discount, wStart, wEnd, periodOfStep, nMeasures, measurePerStep, measureDiscount } = plan;
  const { stock, cost, costDiscounted, measures, measuresDiscounted } = out;
  const cells = nb * n;
  const nn = n * n;
  const last = nb - 1;
  let x = plan.x0.slice();
  let y = new Float64Array(cells);
  for (let k = 0; k < nSteps; k++) {
    const period = periodOfStep[k];
    const pOff = period * cells;
    const pr = price[k];
    const disc = discount[k];
    for (let b = 0; b < nb; b++) {
      const off = b * n;
      const mb = b * nn;
      for (let j = 0; j < n; j++) y[off + j] = 0;
      for (let i = 0; i < n; i++) {
        const xi = x[off + i];
        const row = mb + i * n;
        for (let j = 0; j < n; j++) y[off + j] += xi * P[row + j];
      }
    }
    for (let b = last; b >= 0; b--) {
      const frac = ageFrac[b];
      const off = b * n;
      for (let s = 0; s < n; s++) {
        const target = ageOut[s];
        if (target < 0) continue;
        const moving = y[off + s] * frac;
        y[off + s] -= moving;
        if (b === last) y[off + target] += moving;
        else y[off + n + s] += moving;
      }
    }
    y[entryState] += births[k];
    for (let b = 0; b < nb; b++) {
      const off = b * n;
      for (let s = 0; s < n; s++) {
        const c = off + s;
        const held = wStart * x[c] + wEnd * y[c];
        const v = held * costPerStep[k * n + s] * pr;
        cost[pOff + c] += v;
        costDiscounted[pOff + c] += v * disc;
        if (!withMeasures) continue;
        for (let m = 0; m < nMeasures; m++) {
          const mv = held * measurePerStep[m * n + s];
          const mc = (period * nMeasures + m) * cells + c;
          measures[mc] += mv;
          measuresDiscounted[mc] += mv * measureDiscount[m * nSteps + k];
        }
      }
    }
    if (k === nSteps - 1 || periodOfStep[k + 1] !== period) stock.set(y, pOff);
    const tmp = x;
    x = y;
    y = tmp;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Runs: each one resets its result arrays (runPlan and the baseline accumulate with +=), then
// projects. The reset is inside the timed region for both.

function resetAll(out) {
  for (const v of Object.values(out)) if (v instanceof Float64Array) v.fill(0);
  if ('shortfall' in out) out.shortfall = 0;
}

const model = parseModel(modelText(), join(HERE, 'kernel.bench.yaml'));
const { plan, warnings } = await compileModel(model, { years: YEARS });
if (warnings.length) console.warn(warnings.join('\n'));
if (plan.nBands !== 18 || plan.nStates !== 8 || plan.nSteps !== 120 || plan.births === null || plan.popTarget !== null) {
  throw new Error(`bench: unexpected plan shape ${plan.nStates}x${plan.nBands}x${plan.nSteps}`);
}

const kOut = allocateResult(plan);
// The floor: the plan's own sparsity pattern, values packed once, only the figures Monte Carlo keeps.
const pattern = patternOfPlan(plan);
const lean = leanKernel(plan, pattern);
const packed = packValues(plan, pattern);
const stride = plan.nStates + 4;
const lOut = new Float64Array(plan.nPeriods * stride);
const bOut = allocateBaseline(plan);
const mOut = allocateBaseline(plan);
let sink = 0;

const variants = [
  { key: 'kernel', label: 'runPlan (kernel)', run: () => { resetAll(kOut); runPlan(plan, kOut); sink += kOut.stock[0]; } },
  { key: 'floor', label: 'floor: specialised kernel (stocks by state, cost)', run: () => { lean(plan, packed, lOut, 0, stride); sink += lOut[0]; } },
  { key: 'baseline', label: 'baseline: x·P, ageing, births, cost', run: () => { resetAll(bOut); baseline(plan, bOut, false); sink += bOut.stock[0]; } },
  { key: 'baselineM', label: 'baseline + the measure', run: () => { resetAll(mOut); baseline(plan, mOut, true); sink += mOut.stock[0]; } },
];

// Correctness first: the baseline must do the same arithmetic.
function maxDiff(a, b, from = 0, to = a.length) {
  let abs = 0;
  let rel = 0;
  for (let i = from; i < to; i++) {
    const d = Math.abs(a[i] - b[i]);
    abs = Math.max(abs, d);
    if (d > 0) rel = Math.max(rel, d / Math.max(Math.abs(a[i]), Math.abs(b[i])));
  }
  return { abs, rel };
}
for (const v of variants) v.run();
const cells = plan.nBands * plan.nStates;
const lastOff = (plan.nPeriods - 1) * cells;
const checks = [
  ['final stock (baseline)', maxDiff(kOut.stock, bOut.stock, lastOff, lastOff + cells)],
  ['final stock (baseline + measure)', maxDiff(kOut.stock, mOut.stock, lastOff, lastOff + cells)],
  ['all period stocks', maxDiff(kOut.stock, bOut.stock)],
  ['cost and discounted cost', maxDiff(Float64Array.of(...kOut.cost, ...kOut.costDiscounted), Float64Array.of(...bOut.cost, ...bOut.costDiscounted))],
  ['measure and discounted measure', maxDiff(Float64Array.of(...kOut.measures, ...kOut.measuresDiscounted), Float64Array.of(...mOut.measures, ...mOut.measuresDiscounted))],
];
// The floor keeps each period's children by state (summed over ages) and its cost.
const n = plan.nStates;
const byState = new Float64Array(plan.nPeriods * n);
const costByPeriod = new Float64Array(plan.nPeriods * 2);
for (let p = 0; p < plan.nPeriods; p++) {
  for (let c = 0; c < cells; c++) {
    byState[p * n + (c % n)] += kOut.stock[p * cells + c];
    costByPeriod[2 * p] += kOut.cost[p * cells + c];
    costByPeriod[2 * p + 1] += kOut.costDiscounted[p * cells + c];
  }
}
const leanStock = new Float64Array(plan.nPeriods * n);
const leanCost = new Float64Array(plan.nPeriods * 2);
for (let p = 0; p < plan.nPeriods; p++) {
  for (let i = 0; i < n; i++) leanStock[p * n + i] = lOut[p * stride + i];
  leanCost[2 * p] = lOut[p * stride + n];
  leanCost[2 * p + 1] = lOut[p * stride + n + 1];
}
const floorStock = maxDiff(byState, leanStock);
const floorCost = maxDiff(costByPeriod, leanCost);
checks.push(['floor: stocks by state (relative)', { abs: floorStock.rel }], ['floor: cost, discounted (relative)', { abs: floorCost.rel }]);
const checksPass = checks.every(([what, d]) => d.abs <= (what.startsWith('floor') ? 1e-12 : TOLERANCE));
console.log('Check: baseline and floor against runPlan (max absolute difference, tolerance 1e-9; floor: relative, 1e-12)');
for (const [what, d] of checks) console.log(`  ${what.padEnd(36)} ${d.abs.toExponential(2).padStart(9)}  ${d.abs <= (what.startsWith('floor') ? 1e-12 : TOLERANCE) ? 'ok' : 'FAIL'}`);
if (!checksPass) {
  console.error('bench: the baseline does not reproduce runPlan; the comparison would not be fair. Not writing RESULTS.md.');
  process.exit(1);
}

// Warm up, calibrate, then time.
for (const v of variants) for (let i = 0; i < WARMUP; i++) v.run();
function time(v, runs) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) v.run();
  return Number(process.hrtime.bigint() - t0);
}
for (const v of variants) {
  const est = time(v, WARMUP) / WARMUP;
  v.runs = Math.max(MIN_RUNS, Math.ceil(MIN_NS_PER_TIMING / est));
  v.perRun = [];
}
console.log(`\nTiming: ${ROUNDS} rounds; runs per timing: ${variants.map((v) => `${v.key} ${v.runs}`).join(', ')}`);
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? variants : [...variants].reverse();
  for (const v of order) v.perRun.push(time(v, v.runs) / v.runs / 1000);
  console.log(`  round ${r + 1}: ${variants.map((v) => `${v.key} ${v.perRun[r].toFixed(1)} µs`).join(', ')}`);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const v of variants) v.median = median(v.perRun);
const [kern, floor, base, baseM] = variants;
const ratio = kern.median / base.median;
const ratioM = kern.median / baseM.median;
const verdict = ratio <= TARGET ? 'met' : 'NOT met';

const rows = [
  ['Variant', 'Median µs/run', 'Min', 'Max', 'Kernel ÷ this'],
  ...variants.map((v) => [v.label, v.median.toFixed(1), Math.min(...v.perRun).toFixed(1), Math.max(...v.perRun).toFixed(1), (kern.median / v.median).toFixed(2) + '×']),
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
console.log('');
rows.forEach((row, i) => {
  console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
});
console.log(`\nRatio kernel / baseline: ${ratio.toFixed(2)}× (target ≤ ${TARGET}×: ${verdict}); against baseline + measure: ${ratioM.toFixed(2)}×; runPlan / floor: ${(kern.median / floor.median).toFixed(2)}×, dense baseline / floor ${(base.median / floor.median).toFixed(2)}×`);
if (sink === 12345.6789) console.log(''); // keeps the results observable

if (!WRITE) process.exit(0);

// ---------------------------------------------------------------------------------------------
const cpu = cpus();
const md = `## Kernel benchmark

Written by \`bench/kernel.bench.js\`; this section is overwritten on each run.

- Date: ${new Date().toISOString()}
- Machine: Node ${process.version}, ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${platform()} ${release()} ${arch()}; load average ${loadavg()[0].toFixed(1)} at the end of the run (times rise with the load; the ratios, timed in alternating rounds, much less)
- Model: ${ACTIVE.length} active states (${ACTIVE.join(', ')}) + 3 absorbing exits (left_care, moved_away, aged_18) = ${plan.nStates} states; ${plan.nBands} single-year age bands (0..17, leaving to aged_18 at 18); ${plan.nSteps} monthly steps (${YEARS} years, ${plan.nPeriods} financial years); per-step probabilities (no matrix root); births into universal; costs with inflation and discounting, counted on average stock; ${plan.nMeasures} measure; no costed moves.
- Method: ${WARMUP} warm-up runs each, then ${ROUNDS} rounds (order alternating) of ${variants.map((v) => `${v.runs} runs of ${v.key}`).join(', ')} (each timing ≥ ${MIN_NS_PER_TIMING / 1e9} s), timed with \`process.hrtime.bigint()\`. Every run zero-fills its result arrays first (runPlan and the baseline accumulate with \`+=\`), inside the timed region. The plan is compiled once, outside the timings.
- Baseline: a hand-written loop on the same plan's Float64Arrays: per step and band y = x·P (dense ${plan.nStates}×${plan.nStates}), ageing from the oldest band down (the oldest into aged_18), births into band 0 universal, and held stock × cost × price (and × discount) per period, band and state; no entries, exits, ledger, population or costed moves. "Baseline + measure" also accrues the model's measure, as runPlan does.
- Floor: \`leanKernel\` (src/engine/lean.ts), the kernel every Monte Carlo draw runs on: one function generated per band group for the plan's sparsity pattern (${pattern.size} non-zero moves in all), probabilities packed once, ageing fused, keeping only each period's children by state and cost (what draws keep); no entries, exits, ledger or measures.
- Check: the baseline's final stocks equal runPlan's final-period stock within ${TOLERANCE} (max absolute difference ${checks[0][1].abs.toExponential(2)}; costs ${checks[3][1].abs.toExponential(2)}, measure ${checks[4][1].abs.toExponential(2)}); the floor's stocks by state and costs equal runPlan's summed ones within 1e-12 relative (${floorStock.rel.toExponential(2)}, ${floorCost.rel.toExponential(2)}).

| Variant | Median µs/run | Min | Max | Kernel ÷ this |
| --- | ---: | ---: | ---: | ---: |
${rows.slice(1).map((row) => `| ${row.join(' | ')} |`).join('\n')}

**runPlan ÷ floor: ${(kern.median / floor.median).toFixed(2)}×.** runPlan is the reference kernel the tests specify everything against (it keeps every band's entries, exits, moves and measures, for run, compare and the tables); the floor is what Monte Carlo runs, where the speed matters. The generic dense loop (no pattern) is ${(base.median / floor.median).toFixed(2)}× the floor: it hid the gap when it was the comparator. Kernel ÷ dense baseline: ${ratio.toFixed(2)}× (old target ≤ ${TARGET}×: ${verdict}); against the baseline that also accrues the measure: ${ratioM.toFixed(2)}×.

Per-round µs/run: ${variants.map((v) => `${v.key} ${v.perRun.map((t) => t.toFixed(1)).join(', ')}`).join('; ')}.

Reproduce: \`npm run bench\` (builds, then runs \`node bench/kernel.bench.js\`).
`;
writeFileAtomic(RESULTS, withSection(RESULTS, 'kernel', md));
console.log(`Wrote ${RESULTS}`);
