/**
 * History flags from council records: for a flagged state (e.g. plans) and the states carrying its
 * memory (e.g. child in need), each child's flag as the model sets it (leaving the flagged state
 * for a carrying one sets it; moving anywhere else drops it; `@months` lets it lapse that long
 * after it was set), the starts of the flagged state that were first and repeat, and the moves of
 * the children carrying the flag, with the child-steps behind them. What a child did before the
 * window is unknown, so flags set before it are missed: the repeat share is a lower bound unless
 * the window starts early.
 */
import type { RecordState } from './count.js';
import { rateCells } from './durations.js';

/** One flag asked for: `cpp=cin,universal` or `cin=universal@12`. */
export interface HistoryRequest {
  state: RecordState;
  carriedBy: RecordState[];
  /** Months the memory lasts (null: for good). */
  forgetMonths: number | null;
}

/** Counts of one flag. */
export interface FittedHistory {
  request: HistoryRequest;
  firstStarts: number;
  repeatStarts: number;
  /** Per carrying state (as in `request.carriedBy`): child-steps carrying the flag, and their moves `[to index in states]`. */
  exposure: number[];
  moves: number[][];
}

/** Parses `STATE=CARRIED,CARRIED[@MONTHS]`, or null. */
export function parseHistoryRequest(text: string): HistoryRequest | null {
  const m = /^([a-z][a-z0-9_]*)=([a-z][a-z0-9_]*(?:,[a-z][a-z0-9_]*)*)(?:@(\d+))?$/.exec(text.trim());
  if (!m) return null;
  const carriedBy = m[2].split(',');
  if (carriedBy.includes(m[1])) return null;
  return { state: m[1], carriedBy, forgetMonths: m[3] ? Number(m[3]) : null };
}

/** Counts flags while `countTransitions` visits each child's state step by step. */
export class HistoryCounter {
  private readonly targets: { f: number; carried: number[]; fitted: FittedHistory; forgetSteps: number }[];
  private child = -1;
  private prev = -1;
  /** Per target: steps since the flag was set (-1: not set). */
  private since: number[];

  constructor(states: RecordState[], requests: HistoryRequest[], stepMonths: number) {
    this.targets = requests
      .filter((r) => states.includes(r.state))
      .map((request) => ({
        f: states.indexOf(request.state),
        carried: request.carriedBy.map((c) => states.indexOf(c)),
        forgetSteps: request.forgetMonths === null ? Infinity : request.forgetMonths / stepMonths,
        fitted: { request, firstStarts: 0, repeatStarts: 0, exposure: request.carriedBy.map(() => 0), moves: request.carriedBy.map(() => states.map(() => 0)) },
      }));
    this.since = this.targets.map(() => -1);
  }

  /** The child's state at step boundary `k` (-1 once it left the records). */
  visit(child: number, k: number, state: number): void {
    if (child !== this.child || k === 0) {
      this.child = child;
      this.prev = state;
      this.since.fill(-1);
      return;
    }
    const prev = this.prev;
    this.targets.forEach((t, i) => {
      const flagged = this.since[i] >= 0 && this.since[i] < t.forgetSteps;
      const c = t.carried.indexOf(prev);
      if (flagged && c >= 0 && state >= 0) {
        t.fitted.exposure[c]++;
        if (state !== prev) t.fitted.moves[c][state]++;
      }
      if (state === t.f && prev !== t.f && prev >= 0) {
        if (flagged && c >= 0) t.fitted.repeatStarts++;
        else t.fitted.firstStarts++;
      }
      // The flag as the model keeps it: set on leaving the state for a carrying one, dropped elsewhere.
      if (prev === t.f && t.carried.includes(state)) this.since[i] = 0;
      else if (state === t.f || (t.carried.includes(state) && this.since[i] >= 0)) this.since[i] = this.since[i] >= 0 ? this.since[i] + 1 : -1;
      else this.since[i] = -1;
    });
    this.prev = state;
  }

  /** The counts, one per requested flag whose state is in the records. */
  result(): FittedHistory[] {
    return this.targets.map((t) => t.fitted);
  }
}

/** The `history` section of a fitted model: each carrying state's moves with the flag, counts in comments. */
export function historyYaml(list: FittedHistory[], states: RecordState[], target: (s: RecordState) => string): string {
  if (!list.length) return '';
  const lines = ['', 'history:', '  # Moves of children who were in the flagged state before, from the records (child-steps and moves in comments).'];
  for (const h of list) {
    const { request: r } = h;
    const starts = h.firstStarts + h.repeatStarts;
    lines.push(`  ${r.state}:`, `    carried_by: [${r.carriedBy.join(', ')}]`);
    if (r.forgetMonths !== null) lines.push(`    forget_after: ${r.forgetMonths}`);
    lines.push(`    # starts in the window: ${h.firstStarts} first, ${h.repeatStarts} repeat (${starts > 0 ? ((100 * h.repeatStarts) / starts).toFixed(1) : '–'}% repeats; flags set before the window are not seen)`);
    const rows = r.carriedBy.map((c, i) => {
      const e = h.exposure[i];
      if (e === 0) return `      # ${c}: no child-steps with the flag; the state's own row applies`;
      return `      ${c}: ${rateCells(h.moves[i], e, states, target, (j) => h.moves[i][j] > 0)}   # ${e} child-steps, ${h.moves[i].reduce((a, v) => a + v, 0)} moves`;
    });
    if (rows.some((l) => !l.trimStart().startsWith('#'))) lines.push('    rows:', ...rows);
    else lines.push(...rows.map((l) => l.slice(2)));
  }
  return lines.join('\n') + '\n';
}
