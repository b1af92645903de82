/**
 * Duration-band rates from council records: for a state with bands (e.g. care from SSDA903
 * periods of care), the child-steps spent in each band and the moves out of the state from it,
 * by destination. A child already in the state on the window's first day has an unknown time in
 * it, so its stay is left out until it moves (left-censored); steps ending at 18 are left out
 * too (ageing out is the model's ageing, not a band's rate).
 */
import { durationBands } from '../model/build/durations.js';
import type { DurationBandDecl } from '../model/durations.js';
import type { RecordState } from './count.js';

/** Bands asked for one state, band ends in months. */
export interface DurationRequest {
  state: RecordState;
  ends: number[];
}

/** Counts of one state's bands: exposure and moves out by destination. */
export interface FittedDurations {
  state: RecordState;
  bands: DurationBandDecl[];
  /** Child-steps that began in each band. */
  exposure: number[];
  /** Moves out of the state from each band, `[band][destination index in states]`. */
  moves: number[][];
  /** Children in the state on the first day, whose time in it is unknown (left out until they move). */
  censored: number;
}

/** Parses `cic=6,12,24,60` (state, then band ends in months). */
export function parseDurationRequest(text: string): DurationRequest | null {
  const m = /^([a-z][a-z0-9_]*)=(\d+(?:,\d+)*)$/.exec(text.trim());
  if (!m) return null;
  const ends = m[2].split(',').map(Number);
  return ends.every((e, i) => e > 0 && (i === 0 || e > ends[i - 1])) ? { state: m[1], ends } : null;
}

/** Counts bands while `countTransitions` visits each child's state step by step (`visit`). */
export class DurationCounter {
  private readonly targets: { index: number; request: DurationRequest; fitted: FittedDurations; bandOfStep: (d: number) => number }[];
  private child = -1;
  private prev = -1;
  /** Steps in the previous state (-1: unknown, the child was in it on the first day). */
  private steps = -1;

  constructor(states: RecordState[], requests: DurationRequest[], stepMonths: number) {
    this.targets = requests
      .map((request) => ({ request, index: states.indexOf(request.state) }))
      .filter((t) => t.index >= 0)
      .map(({ request, index }) => {
        const bands = durationBands(request.ends);
        const bandOfStep = (d: number) => {
          const months = d * stepMonths;
          const k = bands.findIndex((b) => b.to === null || months < b.to);
          return k;
        };
        return { index, request, bandOfStep, fitted: { state: request.state, bands, exposure: bands.map(() => 0), moves: bands.map(() => states.map(() => 0)), censored: 0 } };
      });
  }

  /** The child's state at step boundary `k` (-1 when it left the records, e.g. at 18). */
  visit(child: number, k: number, state: number): void {
    if (child !== this.child) {
      this.child = child;
      this.prev = -1;
      this.steps = -1;
    }
    const t = this.targets.find((x) => x.index === this.prev);
    if (t && this.steps >= 0 && state >= 0) {
      const band = t.bandOfStep(this.steps);
      t.fitted.exposure[band]++;
      if (state !== this.prev) t.fitted.moves[band][state]++;
    }
    if (k === 0) {
      const first = this.targets.find((x) => x.index === state);
      if (first) first.fitted.censored++;
      this.steps = -1;
    } else if (state === this.prev) {
      if (this.steps >= 0) this.steps++;
    } else this.steps = 0;
    this.prev = state;
  }

  /** The counts, one per requested state present in the records. */
  result(): FittedDurations[] {
    return this.targets.map((t) => t.fitted);
  }
}

/**
 * Moves per child-step as a YAML map, `{ universal: 0.05, cin: 0.01 }`: the states `include`
 * picks (written under `target`'s name, merged where two share one), to 4 significant figures.
 */
export function rateCells(moves: number[], exposure: number, states: RecordState[], target: (s: RecordState) => string, include: (j: number) => boolean): string {
  const cells = new Map<string, number>();
  states.forEach((s, j) => {
    if (include(j)) cells.set(target(s), (cells.get(target(s)) ?? 0) + (exposure > 0 ? moves[j] / exposure : 0));
  });
  return `{ ${[...cells].map(([s, p]) => `${s}: ${+p.toPrecision(4)}`).join(', ')} }`;
}

/** The `durations` section of a fitted model: exact bands, each band's moves as probabilities, counts in comments. */
export function durationsYaml(list: FittedDurations[], states: RecordState[], target: (s: RecordState) => string): string {
  if (!list.length) return '';
  const lines = ['', 'durations:', '  # Moves out of the state per step by time in it, from the records (child-steps and moves in comments).'];
  for (const d of list) {
    lines.push(`  ${d.state}:`, `    bands: [${d.bands.slice(0, -1).map((b) => b.to).join(', ')}]`, '    exact: true', `    # ${d.censored} children were in ${d.state} on the first day: their time in it is unknown, so their stay is left out.`, '    rows:');
    const i = states.indexOf(d.state);
    const seen = states.map((_, j) => j !== i && d.moves.some((row) => row[j] > 0));
    d.bands.forEach((b, k) => {
      const e = d.exposure[k];
      const out = d.moves[k].reduce((a, v) => a + v, 0);
      if (e === 0) lines.push(`      # ${b.key}: no child-steps observed; the state's own row applies`);
      else lines.push(`      "${b.key}": ${rateCells(d.moves[k], e, states, target, (j) => seen[j])}   # ${e} child-steps, ${out} moves out`);
    });
  }
  return lines.join('\n') + '\n';
}
