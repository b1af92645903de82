// Goal-seek benchmark: `carecast target` on the example council (early help, £2m over 5 years by
// the step-up cut). CPU time (process.cpuUsage, not wall time: the machine is shared) of the
// search compiling the model once and re-planning only the scenario, against the same number of
// evaluations each compiling the model again (compareScenarios per value), and of the draws.
// Writes its section of bench/RESULTS.md. Runs on the compiled output (`npm run build` first).
//
//   node bench/target.bench.js [--no-write] [--draws N]
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';
import { withSection } from './sections.js';

const lib = await import('../dist/index.js');
const { chanceOfTarget } = await import('../dist/target/chance.js');
const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'RESULTS.md');
const WRITE = !process.argv.includes('--no-write');
const at = process.argv.indexOf('--draws');
const DRAWS = at > 0 ? Number(process.argv[at + 1]) : 1000;
const cpu = (t0) => {
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
};

const model = lib.loadModel(join(HERE, '..', 'models/example.yaml'));
const scenario = lib.loadScenario(join(HERE, '..', 'scenarios/early-help.yaml'));
const LEVER = 'fewer_step_ups';
const TARGET = 'net_saving@5y=2000000';

// Rounds alternate the two ways, after two warm-up searches (JIT); medians are reported.
const ROUNDS = 5;
const spec = lib.parseTarget(TARGET);
const naive = async (values) => {
  for (const x of values) {
    const cmp = await lib.compareScenarios(model, [lib.withLever(scenario, LEVER, x)]);
    lib.summariseComparison(cmp, [lib.resolveTarget(spec, model, cmp.baseline.periods).years]);
  }
};
let seek = await lib.seekTarget(model, scenario, LEVER, TARGET);
const values = Array.from({ length: seek.projections }, (_, i) => seek.range[0] + ((seek.range[1] - seek.range[0]) * i) / (seek.projections - 1));
await naive(values);
seek = await lib.seekTarget(model, scenario, LEVER, TARGET);
const seekTimes = [];
const naiveTimes = [];
let t0;
for (let r = 0; r < ROUNDS; r++) {
  t0 = process.cpuUsage();
  seek = await lib.seekTarget(model, scenario, LEVER, TARGET);
  seekTimes.push(cpu(t0));
  t0 = process.cpuUsage();
  await naive(values);
  naiveTimes.push(cpu(t0));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seekCpu = median(seekTimes);
const naiveCpu = median(naiveTimes);

t0 = process.cpuUsage();
const chance = await chanceOfTarget(model, seek, { draws: DRAWS, seed: 1, chance: 0.8 });
const drawsCpu = cpu(t0);

const f = (x, d = 2) => x.toFixed(d);
const body = `## Goal-seek benchmark

Written by \`bench/target.bench.js\`; this section is overwritten on each run.

- Date: ${new Date().toISOString()}
- Machine: Node ${process.version}, ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'unknown'}, ${cpus().length} cores (shared with other work: CPU time of this process, not wall time)
- Work: \`carecast target models/example.yaml scenarios/early-help.yaml --vary ${LEVER} --target '${TARGET}'\` (the example council with its placement states, 120 monthly steps), the found value ${f(seek.value.value, 4)}. Median of ${ROUNDS} rounds (alternating), after two warm-up searches; per-round CPU seconds: goal-seek ${seekTimes.map((x) => f(x, 3)).join(', ')}; through compare ${naiveTimes.map((x) => f(x, 3)).join(', ')}.

| Run | Evaluations | CPU seconds | ms of CPU an evaluation |
| --- | ---: | ---: | ---: |
| goal-seek (model compiled once, baseline run once, scenario re-planned per value) | ${seek.projections} | ${f(seekCpu)} | ${f((1000 * seekCpu) / seek.projections, 1)} |
| the same number of values through \`compareScenarios\` (compiled and baseline run each time) | ${values.length} | ${f(naiveCpu)} | ${f((1000 * naiveCpu) / values.length, 1)} |
| draws: ${DRAWS.toLocaleString('en-GB')} draws × ${chance.projections / DRAWS} values of the lever, plus the baseline once a draw | ${chance.projections.toLocaleString('en-GB')} | ${f(drawsCpu)} | ${f((1000 * drawsCpu) / (chance.projections + DRAWS), 2)} |

Through compare, a value costs ${f(naiveCpu / seekCpu, 2)}× what it costs in goal-seek (the search includes compiling the model and running the baseline once; compiling this model is cheap, so most of an evaluation is the scenario's projection and compare's summary, which goal-seek reads the target from). The draws run on the specialised kernel Monte Carlo uses, in one thread.

Reproduce: \`npm run build && node bench/target.bench.js\`.`;
console.log(body);
if (WRITE) writeFileSync(RESULTS, withSection(RESULTS, 'target', body));
