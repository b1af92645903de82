// Duration bands benchmark: the example council of models/durations.yaml (care as one state, four
// age bands, 10 years of monthly steps, population projection, costs, a measure, a costed move),
// without its history flags, run through `runPlan` with no duration bands, with five bands on
// care and four on plans (one sub-state a band, the default), and with care's bands exact (a
// sub-state a month) as the file has them. Target: the default bands within 2x the time without.
// CPU time (process.cpuUsage, user + system), since the machine is shared. Writes the `durations`
// section of bench/RESULTS.md. Runs on the compiled output: `npm run build` first.
//
//   node bench/durations.bench.js             # after `npm run build`
//   node bench/durations.bench.js --no-write  # print only
import { readFileSync } from 'node:fs';
import { cpus, platform, release, arch } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withSection } from './sections.js';

let api;
try {
  api = await import('../dist/index.js');
} catch (err) {
  console.error('bench: cannot load ../dist/index.js; build the package first with `npm run build`.');
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const { parseModel, compileModel, runPlan, allocateResult, clearResult, writeFileAtomic } = api;

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'RESULTS.md');
const WRITE = !process.argv.includes('--no-write');
const MODEL = join(HERE, '..', 'models', 'durations.yaml');
const WARMUP = 100;
const MIN_CPU_US = 1e6; // each timing uses at least a second of CPU
const ROUNDS = 6;
const TARGET = 2;

// The model file without its history section; the variants differ only in `durations`.
const text = readFileSync(MODEL, 'utf8');
const cut = (t, section) => {
  const i = t.indexOf(`\n${section}:\n`);
  if (i < 0) throw new Error(`bench: no ${section} section in ${MODEL}`);
  const rest = t.slice(i + 1);
  const next = rest.search(/\n[a-z_]+:/);
  return t.slice(0, i + 1) + (next < 0 ? '' : rest.slice(next + 1));
};
const base = cut(text, 'history');
const withoutBands = cut(base, 'durations');
const defaultBands = base.replace('    exact: true              # a sub-state a month: stays at exit exact to the month\n', '');
if (defaultBands === base) throw new Error('bench: the exact line of the care bands moved; update the bench');
const variants = [
  { name: 'no duration bands', text: withoutBands },
  { name: 'bands, one sub-state each (care 5, plans 4)', text: defaultBands },
  { name: 'care bands exact (61 sub-states), plans 4', text: base },
];

// Rounds alternate the variants' order, so drift in the machine's load falls on all of them.
const prepared = [];
for (const v of variants) {
  const model = parseModel(v.text, MODEL);
  const { plan } = await compileModel(model);
  const out = allocateResult(plan);
  for (let i = 0; i < WARMUP; i++) runPlan(plan, clearResult(out));
  prepared.push({ ...v, plan, out, states: plan.nStates, all: [] });
}
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? prepared : [...prepared].reverse();
  for (const v of order) {
    let runs = 0;
    const t0 = process.cpuUsage();
    let used = 0;
    while (used < MIN_CPU_US) {
      runPlan(v.plan, clearResult(v.out));
      runs++;
      const d = process.cpuUsage(t0);
      used = d.user + d.system;
    }
    v.all.push(used / runs);
  }
}
const timed = prepared.map((v) => {
  const sorted = [...v.all].sort((a, b) => a - b);
  return { ...v, min: sorted[0], median: sorted[Math.floor(sorted.length / 2)] };
});

const fmt = (x) => x.toFixed(1);
const ratio = (t) => t.min / timed[0].min;
const ratioMedian = (t) => t.median / timed[0].median;
const body = `## Duration bands benchmark

Written by \`bench/durations.bench.js\`; this section is overwritten on each run.

- Date: ${new Date().toISOString()}
- Machine: Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${platform()} ${release()} ${arch()}; shared with other work, so times are CPU time (\`process.cpuUsage\`, user + system), not wall time.
- Model: \`models/durations.yaml\` without its history flags: 5 active states (universal, early help, CIN, CPP, care as one state) and 4 exits, 4 age bands, 120 monthly steps, population projection, costs with inflation and discounting, a measure, a costed move. The same file with no \`durations\` section, with five bands on care and four on plans (one sub-state a band, the default), and with care's bands exact as the file has them.
- Method: ${WARMUP} warm-up runs of \`runPlan\` each, then ${ROUNDS} rounds (the variants' order alternating) of at least ${MIN_CPU_US / 1e6} s of CPU each; CPU µs per run of the fastest round (the least disturbed by other work) and of the median one. Plans compiled once, outside the timings. The kernel's work grows with the states and the non-zero moves: bands add 7 states and every band's sub-state repeats its state's exits.

| Variant | States in the kernel | CPU µs/run, fastest | median | Rounds | ÷ no bands (fastest) | (median) |
| --- | ---: | ---: | ---: | --- | ---: | ---: |
${timed.map((t) => `| ${t.name} | ${t.states} | ${fmt(t.min)} | ${fmt(t.median)} | ${t.all.map(fmt).join(', ')} | ${ratio(t).toFixed(2)}× | ${ratioMedian(t).toFixed(2)}× |`).join('\n')}

**Five bands on care and four on plans: ${ratio(timed[1]).toFixed(2)}× the time without them** on the fastest rounds, ${ratioMedian(timed[1]).toFixed(2)}× on the median ones (target ≤ ${TARGET}×: ${ratio(timed[1]) <= TARGET && ratioMedian(timed[1]) <= TARGET ? 'met' : ratio(timed[1]) <= TARGET ? 'met on the fastest rounds only' : 'not met'}). Exact care bands (a sub-state a month, for exact stays at exit) cost ${ratio(timed[2]).toFixed(2)}×: use them where a stay must be exact to the month (the England check of \`models/durations.yaml\`), the default elsewhere.

Reproduce: \`npm run build && node bench/durations.bench.js\`.`;

console.log(body);
if (WRITE) writeFileAtomic(RESULTS, withSection(RESULTS, 'durations', body));
