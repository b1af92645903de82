/**
 * Tables, tidy rows and JSON of history flags: starts of each flagged state in the year, first and
 * repeat, and the share of starts that are repeats (e.g. second or subsequent child protection plans).
 */
import type { Projection } from '../engine/project.js';
import type { HistoryFlag } from '../model/history.js';
import { stateTotal } from './summary.js';
import { formatCount, type Table } from './format.js';

/** Starts of a flagged state in period `k`: first, repeat, and the repeats' share (NaN without starts). */
export function repeatStarts(p: Projection, flag: HistoryFlag, k: number): { first: number; repeat: number; share: number } {
  const at = (id: string) => p.states.findIndex((s) => s.id === id);
  const first = stateTotal(p, p.result.entries, k, at(flag.first));
  const repeat = stateTotal(p, p.result.entries, k, at(flag.repeat));
  return { first, repeat, share: first + repeat > 0 ? repeat / (first + repeat) : NaN };
}

/** A share as a percentage with one decimal, or – when there is nothing to share. */
export function formatShare(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–';
}

/** One table per flag: starts in the year, first and repeat, and the repeats' share. */
export function historyTables(p: Projection, year: (k: number) => string): Table[] {
  return (p.history ?? []).map((flag) => {
    const repeatLabel = p.states.find((s) => s.id === flag.repeat)!.label;
    return {
      title: `${flag.label}: starts in the year, first and repeat`,
      columns: ['Year', 'First', 'Repeat', 'All starts', 'Repeats, % of starts'],
      rows: p.periods.map((_, k) => {
        const r = repeatStarts(p, flag, k);
        return [year(k), formatCount(r.first), formatCount(r.repeat), formatCount(r.first + r.repeat), formatShare(r.share)];
      }),
      totalRows: [],
      note: `History flag on ${flag.state} (models/README.md, "history"): a start is a repeat ("${repeatLabel}") when the child came from ${flag.carried.map(([c]) => c).join(', ')} after leaving ${flag.state}.`,
    };
  });
}

/** Tidy rows of the flags: starts first and repeat, and the repeats' share, per period. */
export function historyTidyRows(p: Projection): (string | number)[][] {
  return (p.history ?? []).flatMap((flag) =>
    p.periods.flatMap((period, k) => {
      const head = [period.label, period.start, period.end, flag.state, 'all'];
      const r = repeatStarts(p, flag, k);
      return [
        [...head, 'starts_first', r.first, 'children'],
        [...head, 'starts_repeat', r.repeat, 'children'],
        [...head, 'repeat_share', r.share, 'share of starts'],
      ];
    }),
  );
}

/** The flags as JSON, with starts by period. */
export function historyJson(p: Projection): object[] {
  return (p.history ?? []).map((flag) => ({ ...flag, periods: p.periods.map((period, k) => ({ period: period.label, ...repeatStarts(p, flag, k) })) }));
}
