/**
 * Backtesting: for each council and origin year, calibrate on the years up to the origin,
 * project `horizon` years, and set the forecasts beside what happened and beside two naive
 * forecasts an analyst would otherwise use: the last value carried forward, and a straight line
 * through the last five years.
 */
import { linearRegression, linearRegressionLine, quantileSorted } from 'simple-statistics';
import { calibrate, forecast, seriesOf, setProbabilities, windowProblem, type Calibration, type ModelSeries } from '../calibrate/fit.js';
import { chooseMethod, combine, errorQuantiles, volatilities, type Candidate, type Method } from './choose.js';
import { addShrunkCohort } from './shrink.js';
import { fitPanel, panelForecast, reversionForecast, reversionRate, type PanelModel, type StockSeries } from './methods.js';
import { councilModel, MOVES, startProblem, STATES } from '../calibrate/structure.js';
import { exitTrend, type HazardTrend } from '../calibrate/trend.js';
import { compileModel } from '../engine/compile.js';
import { allocateResult, clearResult, runPlan } from '../engine/kernel.js';
import type { Council } from '../io/published.js';
import { dirichlet, drawGenerator, normal } from '../uncertainty/random.js';

/** The series forecast and scored. */
export const TARGETS = ['cin', 'cpp', 'cla'] as const;
export type Target = (typeof TARGETS)[number];

/** Column names of forecasts.csv; other tools read this file, so they never change. */
export const FORECAST_COLUMNS = ['la_code', 'origin', 'year', 'series', 'actual', 'forecast', 'lower50', 'upper50', 'lower80', 'upper80', 'naive_last', 'naive_trend'] as const;

/** One forecast of one series for one target year. */
export interface ForecastRow {
  la_code: string;
  origin: number;
  year: number;
  series: Target;
  /** Null where the year is beyond the data (a real forecast). */
  actual: number | null;
  forecast: number;
  lower50: number | null;
  upper50: number | null;
  lower80: number | null;
  upper80: number | null;
  naive_last: number;
  naive_trend: number;
  /** The method the forecast is (chosen on earlier origins), and every method's forecast. */
  method?: Method;
  components?: Partial<Record<Method, number>>;
}

/** The method chosen for a series at an origin, and the horizons whose intervals are calibrated on errors. */
export interface Chosen {
  origin: number;
  series: Target;
  method: Method;
  calibrated: boolean[];
}

/** Years of calibration before the origin, unless asked otherwise: two beat four on the published data (issue 14). */
export const DEFAULT_WINDOW = 2;

/** A council and origin left out, and why. */
export interface Skipped {
  la_code: string;
  name: string;
  origin: number;
  reason: string;
}

/** Options of a backtest. */
export interface BacktestOptions {
  origins: number[];
  horizon: number;
  /** Years of calibration before the origin (fewer if the data start later; default `DEFAULT_WINDOW`). */
  window?: number;
  /** Origins before the first, forecast only to choose methods and calibrate intervals on (default 1). */
  warmup?: number;
  /** Trend the hazard of leaving care with England's recent trend, damped (default true). */
  trend?: boolean;
  /** Every council in the series (England's exit-hazard trend is theirs together); default `councils`. */
  england?: Council[];
  /** Draws for the 50% and 80% intervals (0: none). */
  draws?: number;
  seed?: number | string;
  onProgress?: (done: number, total: number) => void;
}

/** The naive forecasts of a series at `year` from data up to `origin`. */
export function naiveForecasts(council: Council, series: Target, origin: number, year: number): { last: number; trend: number } | null {
  const last = council.years.get(origin)?.values[series];
  if (last === undefined) return null;
  const points: [number, number][] = [];
  for (let y = origin - 4; y <= origin; y++) {
    const v = council.years.get(y)?.values[series];
    if (v !== undefined) points.push([y, v]);
  }
  const trend = points.length >= 2 ? Math.max(0, linearRegressionLine(linearRegression(points))(year)) : last;
  return { last, trend };
}

/** The earliest usable start of a calibration window ending at `origin`, or the reason there is none. */
function windowStart(council: Council, origin: number, window: number): { from: number } | { reason: string } {
  let reason = '';
  for (let from = origin - window; from < origin; from++) {
    const problem = windowProblem(council, from, origin);
    if (!problem) return { from };
    reason ||= problem;
  }
  return { reason: reason || 'no years' };
}

/** What every council's forecasts from one origin share: England's exit trend, and each series' pooled fits. */
interface OriginContext {
  trend: HazardTrend | null;
  rho: Record<StockSeries, number>;
  panel: Record<StockSeries, PanelModel | null>;
  volatility: Record<StockSeries, Map<string, number>>;
}

/** Fits what an origin's forecasts share, on years up to the origin only. */
function originContext(everyone: Council[], origin: number, trend: boolean): OriginContext {
  const per = <T>(f: (s: StockSeries) => T) => Object.fromEntries(TARGETS.map((s) => [s, f(s)])) as Record<StockSeries, T>;
  return {
    trend: trend ? exitTrend(everyone, origin) : null,
    rho: per((s) => reversionRate(everyone, s, origin)),
    panel: per((s) => fitPanel(everyone, s, origin)),
    volatility: per((s) => volatilities(everyone, s, origin)),
  };
}

/** Every method's forecasts of a council from an origin (the cohort model's given). */
function candidates(council: Council, origin: number, horizon: number, cohort: ModelSeries, ctx: OriginContext): Candidate[] {
  const out: Candidate[] = [];
  for (const series of TARGETS) {
    const reversion = reversionForecast(council, series, origin, horizon, ctx.rho[series]);
    const panel = ctx.panel[series] && panelForecast(ctx.panel[series]!, council, horizon);
    for (let h = 1; h <= horizon; h++) {
      const forecasts: Partial<Record<Method, number>> = {
        cohort: cohort[series][h - 1],
        naive_last: council.years.get(origin)!.values[series]!,
        ...(reversion && { reversion: reversion[h - 1] }),
        ...(panel && { panel: panel[h - 1] }),
      };
      out.push({ la_code: council.code, origin, year: origin + h, series, actual: council.years.get(origin + h)?.values[series] ?? null, forecasts, volatility: ctx.volatility[series].get(council.code) ?? 0.1 });
    }
  }
  return out;
}

/**
 * Runs the backtest over `councils`. Every method forecasts from each origin and from
 * `warmup` origins before the first; at each origin scored, each series' method and its
 * intervals come from forecasts made at earlier origins whose years are known by then.
 */
export async function backtest(councils: Council[], opts: BacktestOptions): Promise<{ rows: ForecastRow[]; skipped: Skipped[]; chosen: Chosen[]; history: Candidate[]; shrinkage: Map<string, number | null> }> {
  const rows: ForecastRow[] = [];
  const skipped: Skipped[] = [];
  const window = opts.window ?? DEFAULT_WINDOW;
  const everyone = opts.england ?? councils;
  const first = Math.min(...opts.origins);
  const scored = new Set(opts.origins);
  const runOrigins = [...new Set([...Array.from({ length: opts.warmup ?? 1 }, (_, i) => first - (opts.warmup ?? 1) + i), ...opts.origins])].sort((a, b) => a - b);
  const contexts = new Map(runOrigins.map((o) => [o, originContext(everyone, o, opts.trend !== false)]));
  const history: Candidate[] = [];
  const drawn = new Map<string, Record<Target, [number, number, number, number][]>>();
  const total = councils.length * runOrigins.length;
  let done = 0;
  for (const council of councils) {
    for (const origin of runOrigins) {
      done++;
      const atOrigin = startProblem(council.years.get(origin));
      const w = atOrigin ? { reason: `${origin}: ${atOrigin} (the forecast starts from the stocks at the origin)` } : windowStart(council, origin, window);
      if ('reason' in w) {
        if (scored.has(origin)) skipped.push({ la_code: council.code, name: council.name, origin, reason: w.reason });
        continue;
      }
      const ctx = contexts.get(origin)!;
      const cal = await calibrate(council, w.from, origin);
      const point = await forecast(council, cal.p, origin, opts.horizon, ctx.trend);
      history.push(...candidates(council, origin, opts.horizon, point, ctx));
      if (scored.has(origin) && opts.draws) drawn.set(`${council.code}|${origin}`, await drawIntervals(council, cal, origin, opts.horizon, opts.draws, opts.seed ?? 1, ctx.trend));
      opts.onProgress?.(done, total);
    }
  }
  // The shrinkage and the combination need every council's cohort forecasts from each origin.
  const shrinkage = addShrunkCohort(history);
  for (const c of history) c.forecasts.combination = combine(c.series, c.forecasts);
  const chosen: Chosen[] = [];
  const byCode = new Map(councils.map((c) => [c.code, c]));
  for (const origin of opts.origins) {
    for (const series of TARGETS) {
      const method = chooseMethod(history, series, origin);
      const quantiles = Array.from({ length: opts.horizon }, (_, h) => errorQuantiles(history, series, method, origin, h + 1));
      chosen.push({ origin, series, method, calibrated: quantiles.map((q) => q !== null) });
      for (const c of history) {
        if (c.origin !== origin || c.series !== series) continue;
        const h = c.year - origin;
        const f = c.forecasts[method] ?? c.forecasts.combination!;
        const q = quantiles[h - 1];
        const d = drawn.get(`${c.la_code}|${origin}`)?.[series][h - 1];
        const band = q ? q.map((z) => f * Math.exp(z * c.volatility)) : d ? [d[2], d[0], d[1], d[3]] : null;
        const naive = naiveForecasts(byCode.get(c.la_code)!, series, origin, c.year)!;
        rows.push({
          la_code: c.la_code,
          origin,
          year: c.year,
          series,
          actual: c.actual,
          forecast: f,
          lower50: band?.[1] ?? null,
          upper50: band?.[2] ?? null,
          lower80: band?.[0] ?? null,
          upper80: band?.[3] ?? null,
          naive_last: naive.last,
          naive_trend: naive.trend,
          method,
          components: c.forecasts,
        });
      }
    }
  }
  rows.sort((a, b) => a.la_code.localeCompare(b.la_code) || a.origin - b.origin || a.year - b.year || TARGETS.indexOf(a.series) - TARGETS.indexOf(b.series));
  return { rows, skipped, chosen, history, shrinkage };
}

/**
 * 50% and 80% intervals from draws of two things:
 * - the calibrated rates: each row's monthly probabilities drawn from a Dirichlet with α = the
 *   child-months the calibration window observed in the state × the fitted probabilities;
 * - year-to-year shocks the rates do not explain: a random walk in the log of each series, whose
 *   yearly step is normal with the root-mean-square log error of the calibration's fit to that
 *   series (at least 2%), so a council whose figures jumped about around its fit gets wider
 *   intervals.
 */
async function drawIntervals(council: Council, cal: Calibration, origin: number, horizon: number, draws: number, seed: number | string, trend: HazardTrend | null): Promise<Record<Target, [number, number, number, number][]>> {
  const { p, from } = cal;
  const shockSd = Object.fromEntries(
    TARGETS.map((t) => {
      const logs = cal.points.filter((x) => x.series === t && x.fitted > 0).map((x) => Math.log(x.observed / x.fitted));
      return [t, Math.max(0.02, logs.length ? Math.sqrt(logs.reduce((a, v) => a + v * v, 0) / logs.length) : 0)];
    }),
  ) as Record<Target, number>;
  const n = STATES.length;
  // Exposure: child-months in each state over the window, from the calibrated run.
  const { plan: past } = await compileModel(councilModel(council, from, origin - from, p, origin));
  const pastResult = runPlan(past);
  const exposure = new Array<number>(n).fill(0);
  for (let k = 0; k < past.nPeriods; k++) for (let s = 0; s < n; s++) exposure[s] += pastResult.stock[k * n + s] * 12;
  const { plan } = await compileModel(councilModel(council, origin, horizon, p, origin, trend));
  const buffer = allocateResult(plan);
  const samples: Record<Target, number[][]> = { cin: [], cpp: [], cla: [] };
  // Each state's Dirichlet parameters: its fitted monthly row (stay included) × its exposure.
  const outOf = Array.from({ length: n }, (_, s) => MOVES.flatMap((m, i) => (m[0] === s ? [i] : [])));
  const alphas = outOf.map((moves, s) => {
    const fitted = new Array<number>(n).fill(0);
    fitted[s] = 1;
    for (const i of moves) {
      fitted[MOVES[i][1]] = p[i];
      fitted[s] -= p[i];
    }
    return fitted.map((x) => x * exposure[s]);
  });
  const row = new Float64Array(n);
  for (let d = 0; d < draws; d++) {
    const u = drawGenerator(seed, d, council.code);
    const drawn = p.slice();
    for (let s = 0; s < n; s++) {
      dirichlet(u, alphas[s], row);
      for (const i of outOf[s]) drawn[i] = row[MOVES[i][1]];
    }
    setProbabilities(plan, drawn, trend);
    const s = seriesOf(plan, runPlan({ ...plan, lean: true }, clearResult(buffer)));
    const shocks = drawGenerator(seed, d, `${council.code}/shock`);
    for (const t of TARGETS) {
      let walk = 0;
      samples[t].push(s[t].map((v) => v * Math.exp((walk += shockSd[t] * normal(shocks)))));
    }
  }
  const out = {} as Record<Target, [number, number, number, number][]>;
  for (const t of TARGETS) {
    out[t] = Array.from({ length: horizon }, (_, h) => {
      const xs = samples[t].map((s) => s[h]).sort((a, b) => a - b);
      return [quantileSorted(xs, 0.25), quantileSorted(xs, 0.75), quantileSorted(xs, 0.1), quantileSorted(xs, 0.9)];
    });
  }
  return out;
}
