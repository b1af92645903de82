/** Scores of a backtest: absolute percentage errors, bias, interval coverage, wins against naive forecasts. */
import { median } from 'simple-statistics';
import { stringify } from 'csv-stringify/sync';
import { csvNumber } from '../report/tidy.js';
import { METHODS as CHOICES } from './choose.js';
import { FORECAST_COLUMNS, TARGETS, type ForecastRow, type Skipped, type Target } from './backtest.js';

const METHODS = ['forecast', 'naive_last', 'naive_trend'] as const;
type Method = (typeof METHODS)[number];

/** The scores of one series at one horizon. */
export interface Score {
  series: Target;
  horizon: number;
  /** Forecasts with an actual to score against. */
  n: number;
  /** Mean and median absolute percentage error, and mean signed percentage error (bias), by method. */
  mape: Record<Method, number>;
  mdape: Record<Method, number>;
  bias: Record<Method, number>;
  /** Councils scored, and in how many carecast's mean APE (over origins) is below each naive method's. */
  councils: number;
  beats: { naive_last: number; naive_trend: number };
  /** Share of actuals inside the 50% and 80% intervals (null without intervals). */
  coverage50: number | null;
  coverage80: number | null;
  /** Median width of the 50% and 80% intervals, in % of the forecast (null without intervals). */
  width50: number | null;
  width80: number | null;
  /** The methods carecast's forecasts were made by, with their counts (e.g. `combination` or `combination 2, reversion 1`). */
  methods: string;
  /** The origin scored, when the scores are of one origin (`scoreByOrigin`). */
  origin?: number;
}

/** Absolute percentage error of a forecast, in %. */
export function ape(forecast: number, actual: number): number {
  return (Math.abs(forecast - actual) / actual) * 100;
}

/** Scores per series and horizon (rows with a positive actual only). */
export function score(rows: ForecastRow[]): Score[] {
  const out: Score[] = [];
  const horizons = [...new Set(rows.map((r) => r.year - r.origin))].sort((a, b) => a - b);
  for (const series of TARGETS) {
    for (const horizon of horizons) {
      const scored = rows.filter((r) => r.series === series && r.year - r.origin === horizon && r.actual !== null && r.actual > 0);
      if (scored.length === 0) continue;
      const errors = (m: Method) => scored.map((r) => ape(r[m], r.actual!));
      const signed = (m: Method) => scored.map((r) => ((r[m] - r.actual!) / r.actual!) * 100);
      const mean = (xs: number[]) => xs.reduce((a, v) => a + v, 0) / xs.length;
      const byCouncil = new Map<string, ForecastRow[]>();
      for (const r of scored) byCouncil.set(r.la_code, [...(byCouncil.get(r.la_code) ?? []), r]);
      const wins = (naive: 'naive_last' | 'naive_trend') =>
        [...byCouncil.values()].filter((rs) => mean(rs.map((r) => ape(r.forecast, r.actual!))) < mean(rs.map((r) => ape(r[naive], r.actual!)))).length;
      const withIntervals = scored.filter((r) => r.lower50 !== null);
      const inside = (lo: 'lower50' | 'lower80', hi: 'upper50' | 'upper80') => withIntervals.filter((r) => r.actual! >= r[lo]! && r.actual! <= r[hi]!).length / withIntervals.length;
      out.push({
        series,
        horizon,
        n: scored.length,
        mape: Object.fromEntries(METHODS.map((m) => [m, mean(errors(m))])) as Record<Method, number>,
        mdape: Object.fromEntries(METHODS.map((m) => [m, median(errors(m))])) as Record<Method, number>,
        bias: Object.fromEntries(METHODS.map((m) => [m, mean(signed(m))])) as Record<Method, number>,
        councils: byCouncil.size,
        beats: { naive_last: wins('naive_last'), naive_trend: wins('naive_trend') },
        coverage50: withIntervals.length ? inside('lower50', 'upper50') : null,
        coverage80: withIntervals.length ? inside('lower80', 'upper80') : null,
        width50: withIntervals.length ? median(withIntervals.map((r) => ((r.upper50! - r.lower50!) / r.forecast) * 100)) : null,
        width80: withIntervals.length ? median(withIntervals.map((r) => ((r.upper80! - r.lower80!) / r.forecast) * 100)) : null,
        methods: methodCounts(scored),
      });
    }
  }
  return out;
}

/** The methods of forecasts, counted by origin and council-series (one origin: the method alone). */
function methodCounts(rows: ForecastRow[]): string {
  const byOrigin = new Map<number, string>();
  for (const r of rows) byOrigin.set(r.origin, r.method ?? 'cohort');
  const counts = new Map<string, number>();
  for (const m of byOrigin.values()) counts.set(m, (counts.get(m) ?? 0) + 1);
  return counts.size === 1 ? [...counts.keys()][0] : [...counts].map(([m, k]) => `${m} ${k}`).join(', ');
}

/** Scores per origin, series and horizon: a break in one year (2019, 2020) shows. */
export function scoreByOrigin(rows: ForecastRow[]): Score[] {
  return [...new Set(rows.map((r) => r.origin))].sort((a, b) => a - b).flatMap((origin) => score(rows.filter((r) => r.origin === origin)).map((s) => ({ ...s, origin })));
}

const f1 = (x: number) => x.toFixed(1);
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

const ratio = (s: Score) => (s.mape.naive_last > 0 ? (s.mape.forecast / s.mape.naive_last).toFixed(3) : '–');
const signed = (x: number) => `${x >= 0 ? '+' : ''}${f1(x)}%`;
const width = (x: number | null) => (x === null ? '–' : `${f1(x)}%`);

/** The summary as Markdown: accuracy by series and horizon (and by origin), wins against the naive methods, skips. */
export function summaryMarkdown(scores: Score[], skipped: Skipped[], about: string, byOrigin: Score[] = []): string {
  const lines = [
    '# Backtest summary',
    '',
    about,
    '',
    '| Series | Horizon (years) | Forecasts | Method | MAPE carecast | MAPE last value | carecast ÷ last value | MAPE linear trend | MdAPE carecast | MdAPE last value | MdAPE linear trend | Bias carecast | Councils | carecast beats last value | carecast beats trend | Inside 50% interval | Inside 80% interval | Median width 50% / 80% |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...scores.map((s) =>
      `| ${s.series} | ${s.horizon} | ${s.n} | ${s.methods} | ${f1(s.mape.forecast)}% | ${f1(s.mape.naive_last)}% | ${ratio(s)} | ${f1(s.mape.naive_trend)}% | ${f1(s.mdape.forecast)}% | ${f1(s.mdape.naive_last)}% | ${f1(s.mdape.naive_trend)}% | ${signed(s.bias.forecast)} | ${s.councils} | ${s.beats.naive_last} of ${s.councils} | ${s.beats.naive_trend} of ${s.councils} | ${pct(s.coverage50)} | ${pct(s.coverage80)} | ${width(s.width50)} / ${width(s.width80)} |`,
    ),
    '',
    'MAPE: mean absolute percentage error; MdAPE: median; bias: mean signed percentage error (positive: forecasts too high). "Beats": councils where carecast\'s mean absolute percentage error over the origins is below the naive method\'s. Method: how carecast\'s forecasts were made, chosen at each origin on earlier origins only (with counts of origins where it varied). Width: the interval\'s width in % of the forecast.',
    '',
    ...(byOrigin.length
      ? [
          '## By origin',
          '',
          '| Origin | Series | Horizon (years) | Forecasts | Method | MAPE carecast | MAPE last value | carecast ÷ last value | Bias carecast | carecast beats last value | Inside 50% interval | Inside 80% interval |',
          '| ---: | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
          ...byOrigin.map((s) => `| ${s.origin} | ${s.series} | ${s.horizon} | ${s.n} | ${s.methods} | ${f1(s.mape.forecast)}% | ${f1(s.mape.naive_last)}% | ${ratio(s)} | ${signed(s.bias.forecast)} | ${s.beats.naive_last} of ${s.councils} | ${pct(s.coverage50)} | ${pct(s.coverage80)} |`),
          '',
        ]
      : []),
    `## Skipped (${skipped.length})`,
    '',
    ...(skipped.length ? ['| Council | Origin | Reason |', '| --- | ---: | --- |', ...skipped.map((s) => `| ${s.la_code} ${s.name} | ${s.origin} | ${s.reason} |`)] : ['None.']),
    '',
  ];
  return lines.join('\n');
}

/** The summary as CSV, one row per series and horizon (and origin, for `scoreByOrigin`'s scores). */
export function summaryCsv(scores: Score[]): string {
  const head = ['series', 'horizon', 'n', ...METHODS.flatMap((m) => [`mape_${m}`, `mdape_${m}`, `bias_${m}`]), 'councils', 'beats_naive_last', 'beats_naive_trend', 'coverage50', 'coverage80', 'ratio_naive_last', 'width50', 'width80', 'method', 'origin'];
  const rows = scores.map((s) => [s.series, s.horizon, s.n, ...METHODS.flatMap((m) => [s.mape[m], s.mdape[m], s.bias[m]]), s.councils, s.beats.naive_last, s.beats.naive_trend, s.coverage50 ?? '', s.coverage80 ?? '', s.mape.forecast / s.mape.naive_last, s.width50 ?? '', s.width80 ?? '', s.methods, s.origin ?? '']);
  return stringify([head, ...rows.map((r) => r.map((v) => (typeof v === 'number' ? csvNumber(v, 4) : v)))]);
}

/** forecasts.csv: one row per council × origin × target year × series; actual blank beyond the data. */
export function forecastsCsv(rows: ForecastRow[]): string {
  return stringify([[...FORECAST_COLUMNS], ...rows.map((r) => FORECAST_COLUMNS.map((c) => (r[c] === null ? '' : typeof r[c] === 'number' ? csvNumber(r[c] as number, 3) : r[c])))]);
}

/** Per council: mean absolute percentage error over the origins, by series, horizon and method. */
export function councilsCsv(rows: ForecastRow[]): string {
  const groups = new Map<string, ForecastRow[]>();
  for (const r of rows) {
    if (r.actual === null || r.actual <= 0) continue;
    const key = `${r.la_code}|${r.series}|${r.year - r.origin}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const mean = (xs: number[]) => xs.reduce((a, v) => a + v, 0) / xs.length;
  const out = [...groups.entries()].map(([key, rs]) => {
    const [la, series, horizon] = key.split('|');
    return [la, series, horizon, rs.length, ...METHODS.map((m) => csvNumber(mean(rs.map((r) => ape(r[m], r.actual!))), 3))];
  });
  return stringify([['la_code', 'series', 'horizon', 'origins', 'ape_forecast', 'ape_naive_last', 'ape_naive_trend'], ...out]);
}

/** Columns of components.csv: every method's forecast beside the one carecast gives. */
export const COMPONENT_COLUMNS = ['la_code', 'origin', 'year', 'series', 'actual', 'method', 'forecast', ...CHOICES] as const;

/** components.csv: per forecast, the method chosen and each method's forecast (blank where one does not apply). */
export function componentsCsv(rows: ForecastRow[]): string {
  const cell = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : typeof v === 'number' ? csvNumber(v, 3) : v);
  return stringify([[...COMPONENT_COLUMNS], ...rows.map((r) => [r.la_code, r.origin, r.year, r.series, cell(r.actual), r.method ?? '', cell(r.forecast), ...CHOICES.map((m) => cell(r.components?.[m]))])]);
}
