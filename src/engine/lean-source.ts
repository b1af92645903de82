/**
 * Writes the JavaScript of a kernel specialised to one plan shape: each band's transitions as
 * straight-line sums over the moves that can be non-zero (no zero is multiplied, no index is
 * looked up), fused with ageing, and only the figures Monte Carlo keeps accumulated. The steps
 * mirror `runPlan` statement for statement, so its stocks are `runPlan`'s bit for bit; costs are
 * summed by state before pricing, so they agree to rounding (about 1e-15 relative).
 */
import type { LeanShape } from './lean-shape.js';

/** The body of `function (plan, V, out, offset, stride, lib)`, for `new Function`. */
export function leanSource(sh: LeanShape): string {
  const { n, nb } = sh;
  const nc = sh.capState.length;
  const hasCap = nc > 0;
  const needStarts = sh.starts.some((c) => c.length > 0);
  const ng = sh.held.length;
  const states = [...Array(n).keys()];
  const L: string[] = [];
  const w = (s: string) => L.push(s);

  // One band's transitions, capacity tallies, costed moves and ageing, for bands lo..hi of one
  // group of moves; `last` is the oldest band.
  const band = (g: number, lo: number, last: boolean) => {
    const { from, to } = sh.moves[g];
    const nnz = from.length;
    const at = (i: number, j: number) => {
      for (let q = 0; q < nnz; q++) if (from[q] === i && to[q] === j) return q;
      return -1;
    };
    const pv = (i: number, j: number) => (at(i, j) < 0 ? '0' : `V[v + ${at(i, j)}]`);
    w('{');
    w(`const o = b * N; const v = sv + ${sh.offset[lo]} + (b - ${lo}) * ${nnz};`);
    for (const i of states) w(`const x${i} = x[o + ${i}];`);
    for (const j of states) {
      const terms: string[] = [];
      for (let q = 0; q < nnz; q++) if (to[q] === j) terms.push(`x${from[q]} * V[v + ${q}]`);
      w(`let y${j} = ${terms.length ? terms.join(' + ') : '0'};`);
    }
    sh.capState.forEach((s, c) => {
      const o = sh.capOverflow[c];
      const k = `${c} * NB + b`;
      w(`arrived[o + ${s}] = y${s} - x${s} * ${pv(s, s)};`);
      w(`displacedStart[${k}] = displaced[${k}];`);
      w(`fromOverflow[${k}] = x${o} * ${pv(o, s)};`);
      w(`displacedShare[${k}] = x${o} > 0 ? Math.min(1, displaced[${k}] / x${o}) : 0;`);
      w(`displaced[${k}] *= ${pv(o, o)};`);
    });
    if (needStarts) for (const j of states) w(`starts[o + ${j}] = y${j} - x${j} * ${pv(j, j)};`);
    sh.flowFrom.forEach((f, q) => {
      if (at(f, sh.flowTo[q]) >= 0) w(`m${sh.flowOf[q]} += x${f} * ${pv(f, sh.flowTo[q])};`);
    });
    w('const frac = ageFrac[b];');
    w('if (frac !== 0) {');
    if (hasCap) w(`lib.ageCapacityTallies(arrived, displaced, fromOverflow, capState, b, frac, N, NB, ${last});`);
    w('let mv;');
    for (const s of states) {
      const t = sh.ageOut[s];
      if (t < 0) continue;
      w(`mv = y${s} * frac; y${s} -= mv;`);
      if (!last) {
        w(`y[o + ${n + s}] += mv;`);
        continue;
      }
      w(`y${t} += mv;`);
      sh.flowFrom.forEach((f, q) => {
        if (f === s && sh.flowTo[q] === t) w(`m${sh.flowOf[q]} += mv;`);
      });
    }
    w('}');
    for (const j of states) w(`y[o + ${j}] = y${j};`);
    w('}');
  };

  w(`const N = ${n}, NB = ${nb}, nSteps = plan.nSteps;`);
  w('const { stepSet, ageFrac, price, discount, periodOfStep, costPerStep, popTarget, births, direct, capPlaces, capState, capOverflow, flowFrom, flowCost, flowOf, programmeHeld, programmeStarts, programmePerChildYear, programmePerStart, programmeFixed, stepYears } = plan;');
  w('const s = lib.scratch;');
  w('let x = s.x, y = s.y;');
  w('x.set(plan.x0);');
  if (hasCap) w('const { arrived, displaced, displacedStart, fromOverflow, displacedShare, bounced } = s; arrived.fill(0); displaced.fill(0);');
  if (needStarts) w('const { starts, entries, exits } = s;');
  for (let f = 0; f < sh.nFlows; f++) w(`let costOfFlow${f} = 0;`);
  for (let q = 0; q < sh.flowOf.length; q++) w(`costOfFlow${sh.flowOf[q]} = flowCost[${q}];`);
  w('let cost = 0, costDisc = 0;');
  for (let g = 0; g < ng; g++) w(`let prog${g} = 0, progDisc${g} = 0;`);
  w('for (let k = 0; k < nSteps; k++) {');
  w(`const period = periodOfStep[k]; const pr = price[k]; const disc = discount[k]; const sv = stepSet[k] * ${sh.size};`);
  for (let f = 0; f < sh.nFlows; f++) w(`let m${f} = 0;`);
  // The oldest band first (its children leave at 18), then runs of bands sharing their moves,
  // from the oldest down so nobody ages twice.
  w(`let b = ${nb - 1};`);
  band(sh.group[nb - 1], nb - 1, true);
  for (let hi = nb - 2; hi >= 0; ) {
    let lo = hi;
    while (lo > 0 && sh.group[lo - 1] === sh.group[hi]) lo--;
    w(`for (b = ${hi}; b >= ${lo}; b--)`);
    band(sh.group[hi], lo, false);
    hi = lo - 1;
  }
  for (const c of sh.direct) {
    w(`{ const d = direct[${c}]; y[${c}] += d;${hasCap ? ` arrived[${c}] += d;` : ''}${needStarts ? ` starts[${c}] += d;` : ''} }`);
  }
  if (sh.births) w(`y[${sh.entryState}] += births[k];`);
  for (let c = 0; c < nc; c++) {
    w(`lib.applyCapacity(y, arrived, displaced, fromOverflow, displacedShare, ${c}, capState, capOverflow, capPlaces[${c} * nSteps + k], N, NB, ${needStarts ? 'entries' : 'null'}, ${needStarts ? 'exits' : 'null'}, ${needStarts ? 'starts' : 'null'}, 0, bounced);`);
    sh.flowFrom.forEach((f, q) => {
      if (f === sh.capOverflow[c] && sh.flowTo[q] === sh.capState[c]) w(`m${sh.flowOf[q]} -= bounced[0];`);
    });
  }
  if (sh.popTarget) {
    w('for (let b = 0; b < NB; b++) {');
    w('const o = b * N;');
    w(`const d = popTarget[k * NB + b] - (${['0', ...sh.active.map((a) => `y[o + ${a}]`)].join(' + ')});`);
    w(`const c = o + ${sh.entryState};`);
    w('if (d >= 0) y[c] += d; else y[c] -= Math.min(-d, y[c]);');
    w('}');
  }
  for (let f = 0; f < sh.nFlows; f++) w(`if (m${f} !== 0) { const v = m${f} * costOfFlow${f} * pr; cost += v; costDisc += v * disc; }`);

  // Children held through the step, by state, priced once per state.
  const held = (c: string) => (sh.wStart === 0 ? `${sh.wEnd} * y[${c}]` : sh.wEnd === 0 ? `${sh.wStart} * x[${c}]` : `${sh.wStart} * x[${c}] + ${sh.wEnd} * y[${c}]`);
  for (const s of states) w(`let h${s} = 0;`);
  w('for (let b = 0; b < NB; b++) {');
  w('const o = b * N;');
  for (const s of states) w(`h${s} += ${held(`o + ${s}`)};`);
  w('}');
  w(`const stepCost = (${states.map((s) => `h${s} * costPerStep[k * N + ${s}]`).join(' + ')}) * pr;`);
  w('cost += stepCost; costDisc += stepCost * disc;');

  for (let g = 0; g < ng; g++) {
    w('{');
    w(`const gOff = (${g} * nSteps + k) * ${n * nb};`);
    w(`const childYears = ${['0', ...sh.held[g].map((c) => `(${sh.wStart} * x[${c}] + ${sh.wEnd} * y[${c}]) * programmeHeld[gOff + ${c}] * stepYears`)].join(' + ')};`);
    w(`const served = ${['0', ...sh.starts[g].map((c) => `starts[${c}] * programmeStarts[gOff + ${c}]`)].join(' + ')};`);
    w(`const v = (childYears * programmePerChildYear[${g}] + served * programmePerStart[${g}] + programmeFixed[${g} * nSteps + k]) * pr;`);
    w(`prog${g} += v; progDisc${g} += v * disc;`);
    w('}');
  }

  w('if (k === nSteps - 1 || periodOfStep[k + 1] !== period) {');
  w('const at = offset + period * stride;');
  for (const s of states) w(`{ let t = 0; for (let b = 0; b < NB; b++) t += y[b * N + ${s}]; out[at + ${s}] = t; }`);
  w(`out[at + ${n}] = cost; out[at + ${n + 1}] = costDisc;`);
  w(`out[at + ${n + 2}] = ${['0', ...[...Array(ng).keys()].map((g) => `prog${g}`)].join(' + ')};`);
  w(`out[at + ${n + 3}] = ${['0', ...[...Array(ng).keys()].map((g) => `progDisc${g}`)].join(' + ')};`);
  w(`cost = 0; costDisc = 0;${[...Array(ng).keys()].map((g) => ` prog${g} = 0; progDisc${g} = 0;`).join('')}`);
  w('}');
  w('const tmp = x; x = y; y = tmp;');
  w('}');
  return L.join('\n');
}
