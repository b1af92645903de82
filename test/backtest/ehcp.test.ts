/**
 * The SEND backtest (src/backtest/ehcp.ts): each method worked by hand on a small council, a
 * forecast that sees nothing after its origin, and the scores.
 */
import { describe, expect, it } from 'vitest';
import { ehcpBacktest, naiveEhcpForecasts, scoreEhcp, stockFlowForecast } from '../../src/backtest/ehcp.js';
import type { EhcpCouncil } from '../../src/io/ehcp-series.js';
import { expectClose } from '../helpers.js';

/** Plans at January and the new plans of the calendar year before. */
function council(code: string, years: [number, number, number | null][]): EhcpCouncil {
  return { code, name: code, years: new Map(years.map(([y, plans, newPlans]) => [y, { plans, newPlans }])) };
}

const A = council('001', [
  [2018, 900, 150], // before the consistent series: never used
  [2019, 1000, null],
  [2020, 1100, 200],
  [2021, 1200, 220],
  [2022, 1290, 240],
  [2023, 1420, 250],
]);

describe('the stock-and-flow forecast', () => {
  it('ends the mean share of plans and adds the new plans on their trend', () => {
    // Share ending a year: 2019-20 (1000 + 200 − 1100) / 1000 = 0.1; 2020-21 (1100 + 220 − 1200)
    // / 1100 = 0.10909…; 2021-22 (1200 + 240 − 1290) / 1200 = 0.125; mean 0.111363…
    // New plans 200, 220, 240 in 2020-2022: 260 for 2023 and 280 for 2024 on their line.
    const ending = (0.1 + 120 / 1100 + 0.125) / 3;
    const y2023 = 1290 * (1 - ending) + 260;
    const y2024 = y2023 * (1 - ending) + 280;
    const f = stockFlowForecast(A, 2022, 2)!;
    expectClose(f[0], y2023, 1e-12);
    expectClose(f[1], y2024, 1e-12);
  });

  it('uses nothing after the origin, and nothing before 2019', () => {
    const later = council('001', [...A.years].map(([y, v]) => [y, y > 2022 ? v.plans * 3 : v.plans, y > 2022 ? 999 : y === 2018 ? 1 : v.newPlans]));
    expect(stockFlowForecast(later, 2022, 3)).toEqual(stockFlowForecast(A, 2022, 3));
  });
});

describe('the naive forecasts', () => {
  it('carry the last value, and extend the least-squares line through 2019-2022', () => {
    // Line through (2019, 1000), (2020, 1100), (2021, 1200), (2022, 1290): slope 485 / 5 = 97,
    // mean 1,147.5 at 2020.5, so 1,147.5 + 97 × 2.5 = 1,390 in 2023 and 1,487 in 2024.
    const n = naiveEhcpForecasts(A, 2022, 2)!;
    expect(n.last).toEqual([1290, 1290]);
    expectClose(n.trend[0], 1390, 1e-12);
    expectClose(n.trend[1], 1487, 1e-12);
  });
});

describe('scores', () => {
  it('give each method\'s absolute percentage error against the published figure', () => {
    const rows = ehcpBacktest([A], [2022], 1);
    expect(rows).toHaveLength(1);
    const [s] = scoreEhcp(rows);
    expect(s.n).toBe(1);
    // 2023 was 1,420: the last value is 130 short, 9.1549…%; the trend 30 short, 2.1126…%.
    expectClose(s.mape.naive_last, (130 / 1420) * 100, 1e-12);
    expectClose(s.mape.naive_trend, (30 / 1420) * 100, 1e-12);
    expectClose(s.bias.naive_last, (-130 / 1420) * 100, 1e-12);
    expect(s.beats.naive_last).toBe(s.mape.cohort < s.mape.naive_last ? 1 : 0);
  });
});
