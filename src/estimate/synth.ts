/**
 * Synthetic records with a known truth: individual children simulated month by month through a
 * model's per-step matrices, written as SSDA903 returns, a CIN census CSV, an early-help CSV and
 * the population they make up. Fitting them should give the model's matrix back.
 */
import { compileModel } from '../engine/compile.js';
import type { Model } from '../model/types.js';
import { writtenIds } from '../model/durations.js';
import { drawGenerator } from '../uncertainty/random.js';
import { ageOn, isoOfDay } from './dates.js';

/** The files of a synthetic council, as text, by path relative to the output folder. */
export type SynthFiles = Map<string, string>;

const ukDate = (day: number) => {
  const [y, m, d] = isoOfDay(day).split('-');
  return `${d}/${m}/${y}`;
};

/**
 * Simulates `children` children for `years` years from the model's start. Each child gets an age
 * drawn uniformly from 0 to 17 years and the state distribution of the model's initial stock in
 * its band; then each month it moves by the band's per-step matrix. Children in absorbing states
 * or aged 18 leave the records.
 */
export async function synthesise(model: Model, opts: { children: number; years: number; seed: number | string }): Promise<{ files: SynthFiles; rows: Record<string, number> }> {
  if (model.time.step !== 'month') throw new Error('synth simulates monthly models');
  const { plan } = await compileModel(model, { years: opts.years });
  const n = model.states.length;
  const bands = model.ages?.bands ?? [{ label: 'all', from: 0, to: 17 }];
  const nb = bands.length;
  // Records name states as written: moving on a duration band or between history copies is no new spell.
  const ids = writtenIds(model);
  const start = Date.UTC(+model.time.start.slice(0, 4), +model.time.start.slice(5, 7) - 1, 1) / 86_400_000;
  const steps = opts.years * 12;
  const boundary = (k: number) => {
    const d = new Date(start * 86_400_000);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1) / 86_400_000;
  };
  const bandOf = (age: number) => bands.findIndex((b) => age >= b.from && age <= b.to);
  // Initial state shares per band, from the model's initial stock.
  const shares = model.initial.map((row) => {
    const t = row.reduce((a, v, s) => (model.states[s].absorbing ? a : a + v), 0);
    return row.map((v, s) => (model.states[s].absorbing || t === 0 ? 0 : v / t));
  });
  const pick = (u: () => number, probs: ArrayLike<number>, offset = 0): number => {
    let r = u();
    for (let j = 0; j < n; j++) {
      r -= probs[offset + j];
      if (r < 0) return j;
    }
    return n - 1;
  };
  const episodes: string[] = [];
  const cinRows: string[] = [];
  const ehRows: string[] = [];
  const headers = new Map<string, string>();
  const population = new Map<string, number>(); // `${mid_year},${age}` → children
  const midYears = new Set<number>();
  for (let c = 0; c < opts.children; c++) {
    const u = drawGenerator(opts.seed, c, 'synth');
    const id = String(100000 + c);
    const ageDays = Math.floor(u() * (18 * 365.25 - 2)); // under 18 on the start date
    const birth = start - ageDays;
    let state = pick(u, shares[bandOf(ageOn(birth, start))]);
    let spellStart = start;
    const spells: { state: number; start: number; end: number | null }[] = [];
    let k = 0;
    for (; k < steps; k++) {
      const day = boundary(k);
      const age = ageOn(birth, day);
      if (age >= 18 || model.states[state].absorbing) break;
      // The population on 30 June: children aged 0-17 not in an absorbing state.
      const d = new Date(day * 86_400_000);
      if (d.getUTCMonth() === 6 && d.getUTCDate() === 1) {
        const key = `${d.getUTCFullYear()},${ageOn(birth, day - 1)}`;
        population.set(key, (population.get(key) ?? 0) + 1);
        midYears.add(d.getUTCFullYear());
      }
      const b = bandOf(age);
      const next = pick(u, plan.P, (b * n + state) * n);
      if (ids[next] !== ids[state]) {
        spells.push({ state, start: spellStart, end: boundary(k + 1) });
        spellStart = boundary(k + 1);
      }
      state = next;
    }
    // The state reached after the last step starts nothing inside the simulation.
    if (!model.states[state].absorbing && spellStart < boundary(steps)) spells.push({ state, start: spellStart, end: k >= steps ? null : boundary(k) });
    let inCare = false;
    for (const s of spells) {
      const sid = ids[s.state];
      if (sid === 'cic') {
        inCare = true;
        // An episode appears in the return of every year it is open in, open until the year it ends.
        const firstFy = new Date(s.start * 86_400_000).getUTCMonth() >= 3 ? new Date(s.start * 86_400_000).getUTCFullYear() + 1 : new Date(s.start * 86_400_000).getUTCFullYear();
        // An episode ending on the simulation's last day is still open in its last return.
        const end = s.end !== null && s.end < boundary(steps) ? s.end : null;
        for (let y = firstFy; ; y++) {
          const yearEnd = Date.UTC(y, 3, 1) / 86_400_000; // 1 April: the day after the year
          // Closed in the return of the year it ends in (DEC on 1 April belongs to the next year).
          const closed = end !== null && end < yearEnd;
          episodes.push(`${y},${id},${ukDate(s.start)},S,C2,N1,U4,PR1,${closed ? ukDate(end!) : ''},${closed ? 'E4A' : ''}`);
          if (closed || yearEnd >= boundary(steps)) break;
        }
      } else if (sid === 'cin' || sid === 'cpp') {
        const end = s.end === null ? '' : ukDate(s.end);
        cinRows.push(`${id},${ukDate(birth)},${ukDate(s.start)},${end},${sid === 'cpp' ? ukDate(s.start) : ''},${sid === 'cpp' ? end : ''}`);
      } else if (sid === 'early_help') {
        ehRows.push(`${id},${isoOfDay(birth)},early_help,${isoOfDay(s.start)},${s.end === null ? '' : isoOfDay(s.end)}`);
      }
    }
    if (inCare) headers.set(id, `${id},${1 + (c % 2)},${ukDate(birth)}`);
  }
  const files: SynthFiles = new Map();
  const years = [...new Set(episodes.map((e) => e.split(',')[0]))].sort();
  for (const y of years) {
    const rows = episodes.filter((e) => e.startsWith(`${y},`)).map((e) => e.slice(5));
    const kids = new Set(rows.map((r) => r.split(',')[0]));
    files.set(`903/${y}/episodes.csv`, ['CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC', ...rows].join('\n') + '\n');
    files.set(`903/${y}/header.csv`, ['CHILD,SEX,DOB', ...[...kids].map((k) => headers.get(k)!)].join('\n') + '\n');
  }
  files.set('cin.csv', ['LAchildID,PersonBirthDate,CINreferralDate,CINclosureDate,CPPstartDate,CPPendDate', ...cinRows].join('\n') + '\n');
  files.set('early-help.csv', ['child_id,date_of_birth,state,start_date,end_date', ...ehRows].join('\n') + '\n');
  const pop = ['age,mid_year,population'];
  const mids = [...midYears].sort();
  for (const y of mids) for (let a = 0; a < 18; a++) pop.push(`${a},${y},${population.get(`${y},${a}`) ?? 0}`);
  // Beyond the simulation the population is held at its last value, so fitted models can run on.
  const lastMid = mids[mids.length - 1];
  for (let y = lastMid + 1; y <= lastMid + 10; y++) for (let a = 0; a < 18; a++) pop.push(`${a},${y},${population.get(`${lastMid},${a}`) ?? 0}`);
  files.set('population.csv', pop.join('\n') + '\n');
  return { files, rows: { episodes: episodes.length, cin: cinRows.length, early_help: ehRows.length, children: opts.children } };
}
