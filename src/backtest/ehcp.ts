/**
 * A backtest of EHCP forecasts on DfE's published series, like the children's social care one:
 * from each origin (a January census), forecast each council's plans a few years ahead, and
 * score against what was published and against the last value and a linear trend.
 *
 * carecast's forecast is the cohort model's stock and flow, summed over settings and ages:
 * plans next January = plans this January × (1 − the share that end in a year) + the year's new
 * plans, with the share ending taken as the mean over the origin's last `window` years of
 * (plans + new plans − next January's plans) ÷ plans (net of transfers in and out), and new
 * plans following their own least-squares line over those years. Nothing after the origin is
 * used. Years before `FIRST_YEAR` are not used: 2019 on come from DfE's 2025 release, earlier
 * years from the 2022 release with other definitions.
 */
import { linearRegression, linearRegressionLine } from 'simple-statistics';
import type { EhcpCouncil } from '../io/ehcp-series.js';
import { ape } from './score.js';

/** First January census of a consistent series (DfE's 2025 release). */
export const FIRST_YEAR = 2019;
/** Years of history each method fits on (at most; from `FIRST_YEAR`). */
export const EHCP_WINDOW = 3;

/** One forecast of one council's plans at `year` from `origin`, by each method, and what was published. */
export interface EhcpForecastRow {
  council: string;
  name: string;
  origin: number;
  year: number;
  actual: number | null;
  cohort: number;
  naive_last: number;
  naive_trend: number;
}

/** Least-squares line through `points`, at `x` (the last point's value with fewer than two points). */
function lineAt(points: [number, number][], x: number): number {
  if (points.length < 2) return points[points.length - 1][1];
  return linearRegressionLine(linearRegression(points))(x);
}

/** The cohort model's stock-and-flow forecast of plans at origin + 1 … origin + horizon, or null without the history. */
export function stockFlowForecast(c: EhcpCouncil, origin: number, horizon: number, window = EHCP_WINDOW): number[] | null {
  const rates: number[] = [];
  const joiners: [number, number][] = [];
  for (let t = Math.max(FIRST_YEAR, origin - window); t < origin; t++) {
    const now = c.years.get(t);
    const next = c.years.get(t + 1);
    if (!now || !next || next.newPlans === null || now.plans <= 0) continue;
    rates.push((now.plans + next.newPlans - next.plans) / now.plans);
    joiners.push([t + 1, next.newPlans]);
  }
  const start = c.years.get(origin)?.plans;
  if (start === undefined || rates.length === 0) return null;
  const ending = Math.min(1, Math.max(0, rates.reduce((a, v) => a + v, 0) / rates.length));
  const out: number[] = [];
  let plans = start;
  for (let h = 1; h <= horizon; h++) {
    plans = plans * (1 - ending) + Math.max(0, lineAt(joiners, origin + h));
    out.push(plans);
  }
  return out;
}

/** The last value and the least-squares trend of plans over the origin's last years, at origin + 1 … origin + horizon. */
export function naiveEhcpForecasts(c: EhcpCouncil, origin: number, horizon: number, window = EHCP_WINDOW): { last: number[]; trend: number[] } | null {
  const last = c.years.get(origin)?.plans;
  if (last === undefined) return null;
  const points: [number, number][] = [];
  for (let y = Math.max(FIRST_YEAR, origin - window); y <= origin; y++) {
    const v = c.years.get(y)?.plans;
    if (v !== undefined) points.push([y, v]);
  }
  const hs = Array.from({ length: horizon }, (_, i) => origin + i + 1);
  return { last: hs.map(() => last), trend: hs.map((y) => Math.max(0, lineAt(points, y))) };
}

/** Forecasts of every council from each origin, with the published figure where there is one. */
export function ehcpBacktest(councils: EhcpCouncil[], origins: number[], horizon: number, window = EHCP_WINDOW): EhcpForecastRow[] {
  const rows: EhcpForecastRow[] = [];
  for (const c of councils) {
    for (const origin of origins) {
      const cohort = stockFlowForecast(c, origin, horizon, window);
      const naive = naiveEhcpForecasts(c, origin, horizon, window);
      if (!cohort || !naive) continue;
      cohort.forEach((f, i) => {
        const year = origin + i + 1;
        rows.push({ council: c.code, name: c.name, origin, year, actual: c.years.get(year)?.plans ?? null, cohort: f, naive_last: naive.last[i], naive_trend: naive.trend[i] });
      });
    }
  }
  return rows;
}

/** Methods scored. */
export const EHCP_METHODS = ['cohort', 'naive_last', 'naive_trend'] as const;
type EhcpMethod = (typeof EHCP_METHODS)[number];

/** Scores at one horizon: mean and median APE and bias (%) by method; councils where the cohort model's mean APE is below each naive method's. */
export interface EhcpScore {
  horizon: number;
  n: number;
  councils: number;
  mape: Record<EhcpMethod, number>;
  mdape: Record<EhcpMethod, number>;
  bias: Record<EhcpMethod, number>;
  beats: { naive_last: number; naive_trend: number };
}

/** Scores by horizon of the rows with a published figure above 0. */
export function scoreEhcp(rows: EhcpForecastRow[]): EhcpScore[] {
  const horizons = [...new Set(rows.map((r) => r.year - r.origin))].sort((a, b) => a - b);
  const mean = (xs: number[]) => xs.reduce((a, v) => a + v, 0) / xs.length;
  const median = (xs: number[]) => {
    const s = xs.slice().sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  return horizons.flatMap((h) => {
    const scored = rows.filter((r) => r.year - r.origin === h && r.actual !== null && r.actual > 0);
    if (!scored.length) return [];
    const by = (m: EhcpMethod, f: (xs: number[]) => number, e: (r: EhcpForecastRow) => number) => f(scored.map(e));
    const per = (m: EhcpMethod) => (r: EhcpForecastRow) => ape(r[m], r.actual!);
    const signed = (m: EhcpMethod) => (r: EhcpForecastRow) => ((r[m] - r.actual!) / r.actual!) * 100;
    const record = (f: (m: EhcpMethod) => number) => Object.fromEntries(EHCP_METHODS.map((m) => [m, f(m)])) as Record<EhcpMethod, number>;
    const byCouncil = new Map<string, EhcpForecastRow[]>();
    for (const r of scored) byCouncil.set(r.council, [...(byCouncil.get(r.council) ?? []), r]);
    const wins = (naive: 'naive_last' | 'naive_trend') => [...byCouncil.values()].filter((rs) => mean(rs.map(per('cohort'))) < mean(rs.map(per(naive)))).length;
    return [{
      horizon: h,
      n: scored.length,
      councils: byCouncil.size,
      mape: record((m) => by(m, mean, per(m))),
      mdape: record((m) => by(m, median, per(m))),
      bias: record((m) => by(m, mean, signed(m))),
      beats: { naive_last: wins('naive_last'), naive_trend: wins('naive_trend') },
    }];
  });
}

/** The scores as a Markdown table, one row per horizon. */
export function ehcpSummaryMarkdown(scores: EhcpScore[], origins: number[]): string {
  const f = (x: number) => x.toFixed(1);
  const lines = [
    `EHCPs at January, every council, origins ${origins[0]}-${origins[origins.length - 1]}: mean absolute percentage error (median) and bias, %`,
    '',
    '| Horizon | Forecasts | carecast (stock and flow) | Last value | Linear trend | Bias: carecast / last / trend | carecast better than last value | carecast better than trend |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...scores.map((s) => `| ${s.horizon} | ${s.n} | ${f(s.mape.cohort)} (${f(s.mdape.cohort)}) | ${f(s.mape.naive_last)} (${f(s.mdape.naive_last)}) | ${f(s.mape.naive_trend)} (${f(s.mdape.naive_trend)}) | ${f(s.bias.cohort)} / ${f(s.bias.naive_last)} / ${f(s.bias.naive_trend)} | ${s.beats.naive_last} of ${s.councils} councils | ${s.beats.naive_trend} of ${s.councils} |`),
  ];
  return lines.join('\n') + '\n';
}
