/**
 * Writes the JavaScript of one band's step, specialised to a plan shape: the band's transitions as
 * straight-line sums over the moves its group can make (no zero is multiplied, no index is looked
 * up), its capacity tallies and costed moves, and its ageing. The statements mirror `runPlan`'s
 * for that band in the same order, so stocks come out bit for bit the same (costed moves are
 * summed per band first, so their costs agree to rounding). Functions are kept to
 * one band so the optimising compiler takes milliseconds over them, not seconds.
 */
import type { LeanShape } from './lean-shape.js';

/** Parameters of a band function. */
export const BAND_PARAMS = ['x', 'y', 'V', 'v', 'o', 'b', 'frac', 'm', 's'] as const;

/**
 * The body of `function (x, y, V, v, o, b, frac, m, s)` for band `band` of group `g` (`last`: the
 * oldest band, whose children leave at 18; others may lose children at a leaving age, `ageTo`): `x` the stock at the step's start, `y` the stock being
 * built, `V` packed values with this band's at `v`, `o` the band's first cell, `m` the costed
 * moves of the step, `s` the kernel's working arrays.
 */
export function bandSource(sh: LeanShape, g: number, last: boolean, band: number = last ? sh.nb - 1 : 0): string {
  const { n, nb } = sh;
  const { from, to } = sh.moves[g];
  const nnz = from.length;
  const at = (i: number, j: number) => {
    for (let q = 0; q < nnz; q++) if (from[q] === i && to[q] === j) return q;
    return -1;
  };
  const pv = (i: number, j: number) => (at(i, j) < 0 ? '0' : `V[v + ${at(i, j)}]`);
  const states = [...Array(n).keys()];
  const L: string[] = [];
  const w = (line: string) => L.push(line);

  // Costed moves are summed in locals, added to the step's totals once.
  const flows = [...new Set(sh.flowOf)];
  for (const f of flows) w(`let m${f} = 0;`);
  for (const i of states) w(`const x${i} = x[o + ${i}];`);
  for (const j of states) {
    const terms: string[] = [];
    for (let q = 0; q < nnz; q++) if (to[q] === j) terms.push(`x${from[q]} * V[v + ${q}]`);
    w(`let y${j} = ${terms.length ? terms.join(' + ') : '0'};`);
  }
  sh.capState.forEach((st, c) => {
    const ov = sh.capOverflow[c];
    const k = `${c * nb} + b`;
    w(`s.arrived[o + ${st}] = y${st} - x${st} * ${pv(st, st)};`);
    w(`s.displacedStart[${k}] = s.displaced[${k}];`);
    w(`s.fromOverflow[${k}] = x${ov} * ${pv(ov, st)};`);
    w(`s.displacedShare[${k}] = x${ov} > 0 ? Math.min(1, s.displaced[${k}] / x${ov}) : 0;`);
    w(`s.displaced[${k}] *= ${pv(ov, ov)};`);
  });
  if (sh.starts.some((c) => c.length > 0)) for (const j of states) w(`s.starts[o + ${j}] = y${j} - x${j} * ${pv(j, j)};`);
  sh.flowFrom.forEach((f, q) => {
    if (at(f, sh.flowTo[q]) >= 0) w(`m${sh.flowOf[q]} += x${f} * ${pv(f, sh.flowTo[q])};`);
  });
  w('if (frac !== 0) {');
  if (sh.capState.length) w(`s.ageCapacityTallies(s.arrived, s.displaced, s.fromOverflow, s.capState, b, frac, ${n}, ${nb}, ${last}, s.ageTo, s.capOverflow);`);
  w('let mv;');
  for (const st of states) {
    const t = sh.ageTo[band * n + st];
    if (t < 0) continue;
    w(`mv = y${st} * frac; y${st} -= mv;`);
    if (t === st) {
      w(`y[o + ${n + st}] += mv;`);
      continue;
    }
    // Leaving: into an active state a band up, into an exit in this band (as runPlan).
    w(sh.active.includes(t) ? `y[o + ${n + t}] += mv;` : `y${t} += mv;`);
    sh.flowFrom.forEach((f, q) => {
      if (f === st && sh.flowTo[q] === t) w(`m${sh.flowOf[q]} += mv;`);
    });
  }
  w('}');
  for (const j of states) w(`y[o + ${j}] = y${j};`);
  for (const f of flows) w(`m[${f}] += m${f};`);
  return L.join('\n');
}
