/**
 * The shape of a plan: everything about it that stays fixed from one Monte Carlo draw to the next
 * (sizes, which moves and cells can be non-zero, which states age where), as opposed to its values.
 * The specialised kernel is generated once per shape.
 */
import type { Pattern } from './pattern.js';
import type { Plan } from './plan.js';

/** A plan's fixed structure, as plain data (its JSON is the cache key of the generated kernel). */
export interface LeanShape {
  n: number;
  nb: number;
  /** Group of moves of each band, each group's moves, and each band's offset in a packed set. */
  group: number[];
  moves: { from: number[]; to: number[] }[];
  offset: number[];
  size: number;
  active: number[];
  /** Where each cell's children go as they age out of its band (`Plan.ageTo`). */
  ageTo: number[];
  entryState: number;
  wStart: number;
  wEnd: number;
  popTarget: boolean;
  births: boolean;
  /** Cells with direct entries. */
  direct: number[];
  /** Costed moves' pairs: from, to and the move each counts for; and the number of moves. */
  flowFrom: number[];
  flowTo: number[];
  flowOf: number[];
  nFlows: number;
  capState: number[];
  capOverflow: number[];
  /** Per programme: the cells it may serve by caseload and by starts. */
  held: number[][];
  starts: number[][];
}

/** Cells of programme `g` that are non-zero at some step in `a` (`[(g * nSteps + k) * cells + c]`). */
function programmeCells(a: Float64Array, g: number, nSteps: number, cells: number): number[] {
  const used = new Uint8Array(cells);
  for (let k = 0; k < nSteps; k++) {
    const off = (g * nSteps + k) * cells;
    for (let c = 0; c < cells; c++) if (a[off + c] !== 0) used[c] = 1;
  }
  return [...used.keys()].filter((c) => used[c] === 1);
}

/** The shape of `plan` with its transitions held to `pattern`. */
export function shapeOf(plan: Plan, pattern: Pattern): LeanShape {
  const { nStates: n, nBands: nb, nSteps } = plan;
  const cells = n * nb;
  const direct: number[] = [];
  if (plan.direct) for (let c = 0; c < cells; c++) if (plan.direct[c] !== 0) direct.push(c);
  const programmes = [...Array(plan.nProgrammes).keys()];
  return {
    n,
    nb,
    group: [...pattern.group],
    moves: pattern.moves.map((m) => ({ from: [...m.from], to: [...m.to] })),
    offset: [...pattern.offset],
    size: pattern.size,
    active: [...Array(n).keys()].filter((s) => plan.active[s] === 1),
    ageTo: [...plan.ageTo],
    entryState: plan.entryState,
    wStart: plan.wStart,
    wEnd: plan.wEnd,
    popTarget: plan.popTarget !== null,
    births: plan.births !== null,
    direct,
    flowFrom: [...plan.flowFrom],
    flowTo: [...plan.flowTo],
    flowOf: [...plan.flowOf],
    nFlows: plan.nFlows,
    capState: [...plan.capState],
    capOverflow: [...plan.capOverflow],
    held: programmes.map((g) => programmeCells(plan.programmeHeld, g, nSteps, cells)),
    starts: programmes.map((g) => programmeCells(plan.programmeStarts, g, nSteps, cells)),
  };
}
