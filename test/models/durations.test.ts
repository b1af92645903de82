/**
 * The England check: models/durations.yaml (the example council with care in five duration bands)
 * must reproduce England's distribution of the time children leaving care had been in care, DfE
 * "Children looked after in England" 2024, duration of last period of care of children ceasing in
 * 2023-24 (data/published/cla_national_placement_detail_uasc_durations_2020_2024.csv, whole
 * percentages): under 6 months 7 + 7 + 14 = 28%, 6-12 months 19%, 1-2 years 21%, 2-5 years
 * 9 + 9 = 18%, 5 years or more 9 + 5 = 14%. The model's leavers in its tenth year (2034/35, when
 * the start stock's spread no longer matters) must be within 2 percentage points in every band:
 * the published shares are rounded to whole points (up to ±1 once two are added), and the
 * model's bands are set by hand (models/durations.yaml). And England's re-referrals (22.4%),
 * second or subsequent plans (24.7%) and plans lasting 2 years or more at 31 March (2.6%), DfE
 * "Characteristics of children in need" 2024 (data/published/cin_rereferrals_…).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { project } from '../../src/engine/project.js';
import { loadModel } from '../../src/model/load.js';
import { durationsByState } from '../../src/report/durations.js';
import { kpis } from '../../src/report/kpis.js';

/** England's shares of children ceasing care in `year` by the model's five bands, from the published table. */
function englandShares(year: string): number[] {
  const rows = parse(readFileSync('data/published/cla_national_placement_detail_uasc_durations_2020_2024.csv', 'utf8'), { columns: true }) as Record<string, string>[];
  const pct = (prefix: string) => Number(rows.find((r) => r.year === year && r.group === 'Duration of last period of care' && r.category.startsWith(prefix))!.percentage);
  return [pct('1.') + pct('2.') + pct('3.'), pct('4.'), pct('5.'), pct('6.') + pct('7.'), pct('8.') + pct('9.')];
}

describe('England length of stay at leaving care (DfE CLA 2024)', () => {
  it('the published shares, by the model’s bands, are 28, 19, 21, 18 and 14%', () => {
    expect(englandShares('2024')).toEqual([28, 19, 21, 18, 14]);
  });

  it('models/durations.yaml: children leaving care in its tenth year, by time in care, within 2 points of England in every band', async () => {
    const p = await project(loadModel('models/durations.yaml'));
    const care = durationsByState(p).find((d) => d.state === 'cic')!;
    expect(care.bands.map((b) => b.label)).toEqual(['under 6 months', '6-12 months', '1-2 years', '2-5 years', '5 years or more']);
    const k = p.periods.findIndex((x) => x.label === '2034/35');
    const leavers = Array.from(care.leavers.subarray(k * 5, k * 5 + 5));
    const total = leavers.reduce((a, v) => a + v, 0);
    const model = leavers.map((v) => (100 * v) / total);
    englandShares('2024').forEach((england, b) => expect(Math.abs(model[b] - england), `${care.bands[b].label}: model ${model[b].toFixed(1)}%, England ${england}%`).toBeLessThanOrEqual(2));
  });
});

/** England's figure `column` in `year` (DfE CIN, tables C1, D3, D5). */
function englandCin(year: string, column: string): number {
  const rows = parse(readFileSync('data/published/cin_rereferrals_repeat_cpp_cpp_duration_by_la_2013_2025.csv', 'utf8'), { columns: true }) as Record<string, string>[];
  return Number(rows.find((r) => r.year === year && r.geographic_level === 'National')![column]);
}

describe('England repeat referrals, repeat plans and plan lengths (DfE CIN 2024)', () => {
  it('models/durations.yaml in its tenth year: re-referrals and second or subsequent plans within 1.5 points, plans of 2 years or more within 1 point', async () => {
    const p = await project(loadModel('models/durations.yaml'));
    const k = p.periods.findIndex((x) => x.label === '2034/35');
    const at = (id: string) => 100 * kpis(p).find((x) => x.id === id)!.values[k];
    expect(Math.abs(at('cin_repeat_share') - englandCin('2024', 'rereferral_percent'))).toBeLessThanOrEqual(1.5);
    expect(Math.abs(at('cpp_repeat_share') - englandCin('2024', 'cpp_second_or_subsequent_percent'))).toBeLessThanOrEqual(1.5);
    expect(Math.abs(at('cpp_2y_plus_share') - englandCin('2024', 'cpp31mar_2_years_or_more_percent'))).toBeLessThanOrEqual(1);
  });
});
