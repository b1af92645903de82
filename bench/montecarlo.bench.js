// Monte Carlo benchmark: 10,000 draws x (baseline + 2 scenarios) of the example council with
// single-year ages (12 active states, care as 8 placement types with two capacities, x 18 ages, monthly, 10 years), on 1 thread and on every core,
// and the kernel-only lower bound. Writes its section of bench/RESULTS.md. Runs on the compiled
// output: `npm run bench` builds first.
//
//   node bench/montecarlo.bench.js             # after `npm run build`
//   node bench/montecarlo.bench.js --no-write  # print only
//   node bench/montecarlo.bench.js --draws 2000
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { withSection } from './sections.js';

let api;
try {
  api = await import('../dist/index.js');
} catch (err) {
  console.error('bench: cannot load ../dist/index.js; build first with `npm run build` (or `npm run bench`).');
  process.exit(1);
}
const { loadModel, loadScenario, monteCarlo, prepareDraws, scenarioPlan, runPlan, allocateResult, clearResult, writeFileAtomic } = api;

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const RESULTS = join(HERE, 'RESULTS.md');
const WRITE = !process.argv.includes('--no-write');
const at = process.argv.indexOf('--draws');
const DRAWS = at > 0 ? Number(process.argv[at + 1]) : 10_000;
const SEED = 42;
const SCENARIOS = ['early-help', 'edge-of-care'];
const TARGET_S = 2;

// ---------------------------------------------------------------------------------------------
// The example council with single-year ages: bands 0..17; band-specific rows, direct entries and
// initial stocks spread over the single years of their band.
const dir = mkdtempSync(join(ROOT, 'bench', '.tmp-'));
const BANDS = { '0-4': [0, 4], '5-9': [5, 9], '10-15': [10, 15], '16-17': [16, 17] };
const years = (label) => {
  const [a, b] = BANDS[label];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
};
const doc = parse(readFileSync(join(ROOT, 'models/example.yaml'), 'utf8'));
doc.ages.bands = 'single';
for (const m of doc.transitions.matrices) if (m.ages !== 'all') m.ages = m.ages.flatMap((l) => years(String(l)));
for (const g of doc.groups ?? []) for (const x of g.split ?? []) if (x.ages && x.ages !== 'all') x.ages = [x.ages].flat().flatMap((l) => years(String(l)));
doc.population.projection.file = join(ROOT, 'data/example/population.csv');
doc.direct_entries = doc.direct_entries.flatMap((d) => years(String(d.ages)).map((y, _, all) => ({ ...d, ages: y, per_year: d.per_year / all.length })));
for (const [state, byBand] of Object.entries(doc.initial)) {
  doc.initial[state] = Object.fromEntries(Object.entries(byBand).flatMap(([label, count]) => years(label).map((y, _, all) => [y, count / all.length])));
}
const modelFile = join(dir, 'example-single-ages.yaml');
writeFileSync(modelFile, stringify(doc));
const scenarioFiles = SCENARIOS.map((name) => {
  const s = parse(readFileSync(join(ROOT, 'scenarios', `${name}.yaml`), 'utf8'));
  for (const list of [s.changes ?? [], s.programmes ?? []]) {
    for (const item of list) {
      const target = item.serves ?? item;
      if (target.ages) target.ages = [target.ages].flat().flatMap((l) => years(String(l)));
    }
  }
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(s));
  return file;
});
const model = loadModel(modelFile);
const scenarios = scenarioFiles.map((f) => loadScenario(f));

// ---------------------------------------------------------------------------------------------
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;
async function timeRun(threads) {
  const t0 = process.hrtime.bigint();
  await monteCarlo(model, scenarios, { draws: DRAWS, seed: SEED, threads, chunk: 250 });
  return seconds(t0);
}

// Warm-up (JIT, file cache), then each thread count twice; the faster of each is reported.
await monteCarlo(model, scenarios, { draws: 300, seed: 1, threads: 1 });
const cores = availableParallelism();
const oneThread = Math.min(await timeRun(1), await timeRun(1));
const allThreads = Math.min(await timeRun(cores), await timeRun(cores));

// Kernel-only lower bound: the three arms' plans at their stated values, lean, run 3 x DRAWS
// times in this thread: no draws, no plan building, no summaries.
const setup = await prepareDraws(model, scenarios);
const plans = setup.arms.map((a) => ({ ...(a.scenario ? scenarioPlan(a.models[0], a.plans[0], a.scenario) : a.plans[0]), lean: true }));
const buffers = plans.map((p) => allocateResult(p));
for (let i = 0; i < 200; i++) plans.forEach((p, a) => runPlan(p, buffers[a]));
const t0 = process.hrtime.bigint();
for (let i = 0; i < DRAWS; i++) {
  plans.forEach((p, a) => runPlan(p, clearResult(buffers[a])));
}
const kernelOnly = seconds(t0);
rmSync(dir, { recursive: true, force: true });
const perRun = (kernelOnly / (3 * DRAWS)) * 1e6;
const verdict = allThreads <= TARGET_S ? 'met' : 'not met';

console.log(`Monte Carlo, ${DRAWS} draws x 3 arms, ${plans[0].nBands} ages x ${plans[0].nStates} states x ${plans[0].nSteps} monthly steps:`);
console.log(`  1 thread:            ${oneThread.toFixed(2)} s`);
console.log(`  ${cores} threads:           ${allThreads.toFixed(2)} s  (target ≤ ${TARGET_S} s: ${verdict})`);
console.log(`  kernel only, 1 thread: ${kernelOnly.toFixed(2)} s (${perRun.toFixed(0)} µs a run); ideal on ${cores} cores: ${(kernelOnly / cores).toFixed(2)} s`);
if (!WRITE) process.exit(0);

const cpu = cpus();
const md = `## Monte Carlo benchmark

Written by \`bench/montecarlo.bench.js\`; this section is overwritten on each run.

- Date: ${new Date().toISOString()}
- Machine: Node ${process.version}, ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores
- Work: ${DRAWS.toLocaleString('en-GB')} draws × 3 arms (baseline, ${SCENARIOS.join(', ')}) = ${(3 * DRAWS).toLocaleString('en-GB')} projections of the example council with single-year ages (${plans[0].nBands} ages × ${plans[0].nStates} states, ${plans[0].nSteps} monthly steps), with its declared uncertainty (${model.uncertainty.rows.length} Dirichlet rows, ${model.uncertainty.costs.length} cost factors, population growth) and the scenarios' effect and programme-cost uncertainty; seed ${SEED}, chunks of 250 draws. Timed end to end through \`monteCarlo\` (worker start-up included, summaries excluded), the faster of two runs, after a warm-up.
- Kernel-only lower bound: the three arms' plans at their stated values run ${(3 * DRAWS).toLocaleString('en-GB')} times in one thread with the lean kernel (what Monte Carlo runs), without drawing values or building plans.

| Run | Seconds |
| --- | ---: |
| 1 thread | ${oneThread.toFixed(2)} |
| ${cores} worker threads | ${allThreads.toFixed(2)} |
| kernel only, 1 thread (${perRun.toFixed(0)} µs a projection) | ${kernelOnly.toFixed(2)} |
| kernel only, ideal on ${cores} cores | ${(kernelOnly / cores).toFixed(2)} |

**Target ≤ ${TARGET_S} s on ${cores} threads: ${verdict}** (${allThreads.toFixed(2)} s). The kernel alone needs ${(kernelOnly / cores).toFixed(2)} s even if ${cores} cores shared the work perfectly: ${(3 * DRAWS).toLocaleString('en-GB')} projections of ${plans[0].nSteps} steps × ${plans[0].nBands} ages cannot fit in ${TARGET_S} s at ${perRun.toFixed(0)} µs each. With ${cores} threads the run took ${(oneThread / allThreads).toFixed(1)}× less time than with one (the single thread also carries every draw's plan building and garbage collection).

Reproduce: \`npm run bench\` (builds, then runs both benchmarks), or \`node bench/montecarlo.bench.js\` after \`npm run build\`.
`;
writeFileAtomic(RESULTS, withSection(RESULTS, 'montecarlo', md));
console.log(`Wrote ${RESULTS}`);
