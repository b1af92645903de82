/**
 * The CSV files a model (or `fit`, or a scenario) names: numbers are never read ten times too
 * big, keyed tables have each key once and every key present, and a stock larger than the
 * population is pointed at where the number is written.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, InputParseError, ModelInvalidError, type Issue } from '../../src/errors.js';
import { readPublishedSeries } from '../../src/io/published.js';
import { loadModel } from '../../src/model/load.js';
import { readPopulationProjection } from '../../src/model/population.js';
import type { PendingIssue } from '../../src/model/build.js';
import type { AgeBand } from '../../src/model/types.js';

const dir = mkdtempSync(join(tmpdir(), 'carecast-input-files-'));
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const BANDS: AgeBand[] = [{ label: '0-4', from: 0, to: 4 }, { label: '5-17', from: 5, to: 17 }];

/** Population rows for ages 0-17 of each year (line 2 is age 0 of the first year). */
function populationCsv(years: number[], cell: (age: number, year: number) => string = () => '1000', header = 'age,mid_year,population', prefix = ''): string {
  const lines = [header];
  for (const y of years) for (let age = 0; age <= 17; age++) lines.push(`${prefix}${age},${y},${cell(age, y)}`);
  return lines.join('\n') + '\n';
}

write('pop.csv', populationCsv([2024, 2025, 2026, 2027], (age) => (age <= 4 ? '50' : '1000')));

/** Reads a projection; returns it and the located issues. */
function read(file: string, area?: string) {
  const pending: PendingIssue[] = [];
  const p = readPopulationProjection(file, area, BANDS, 'model.yaml', pending);
  return { p, issues: pending.map((i) => i.located ?? ({ location: { file: 'model.yaml' }, path: i.path.join('.'), message: i.message } as Issue)) };
}

describe('numbers in CSV cells', () => {
  it('reads "5,034.3" and "5034.3" alike, as 5034.3', () => {
    const a = read(write('pop-grouped.csv', populationCsv([2024], (age) => (age === 0 ? '"5,034.3"' : '1000'))));
    const b = read(write('pop-plain.csv', populationCsv([2024], (age) => (age === 0 ? '5034.3' : '1000'))));
    expect(a.issues).toEqual([]);
    expect(a.p!.byYear[0][0]).toBeCloseTo(5034.3 + 4000, 9);
    expect(a.p!.byYear).toEqual(b.p!.byYear);
  });

  it.each([
    ['"5034,3"', 'has a comma that is not a thousands separator (a decimal comma?)'],
    ['"1,23"', 'has a comma that is not a thousands separator (a decimal comma?)'],
    ['"1,2345"', 'has a comma that is not a thousands separator (a decimal comma?)'],
    ['"1.234,5"', 'has more than one decimal separator'],
  ])('refuses %s in a population file, naming the file, line and column', (cell, problem) => {
    const file = write('pop-comma.csv', populationCsv([2024], (age) => (age === 3 ? cell : '1000')));
    const { p, issues } = read(file);
    expect(p).toBeNull();
    expect(issues).toEqual([{ location: { file, line: 5 }, path: 'population', message: `'${cell.slice(1, -1)}' ${problem}`, expected: 'a number with a decimal point, such as 1234, 1,234 or 5034.3' }]);
  });

  it('refuses a decimal comma in an initial stock CSV and in a published series', () => {
    const stock = write('stock-comma.csv', 'state,age_band,children\ncin,0-4,1\ncin,5-17,"12,5"\n');
    const model = write('stock-model.yaml', MODEL.replace(INITIAL_MAP, 'initial: { file: stock-comma.csv }\n'));
    const err = invalidModel(model);
    expect(err.issues).toEqual([{ location: { file: stock, line: 3 }, path: 'children', message: "'12,5' has a comma that is not a thousands separator (a decimal comma?)", expected: 'a number with a decimal point, such as 1234, 1,234 or 5034.3' }]);

    const series = write('series-comma.csv', 'la_code,year,population_0_17,cin\nE1,2019,"1,000",12\nE1,2020,1000,"12,5"\n');
    expect(() => readPublishedSeries(series)).toThrow(InputParseError);
    try { readPublishedSeries(series); } catch (e) {
      expect((e as InputParseError).issues).toEqual([{ location: { file: series, line: 3 }, path: 'cin', message: "'12,5' has a comma that is not a thousands separator (a decimal comma?)", expected: 'a number with a decimal point, such as 1234, 1,234 or 5034.3, or blank where not published' }]);
    }
    expect(readPublishedSeries(write('series-ok.csv', 'la_code,year,population_0_17,cin\nE1,2019,"1,000",12\n')).get('E1')!.years.get(2019)!.population).toBe(1000);
  });
});

describe('keyed tables: each key once, every key there', () => {
  it('refuses an age and year given twice, naming both lines (rows are not added together)', () => {
    const text = populationCsv([2024, 2025]) + '7,2025,1000\n';
    const file = write('pop-twice.csv', text);
    const { p, issues } = read(file);
    expect(p).toBeNull();
    expect(issues).toEqual([{ location: { file, line: 38 }, path: 'age', message: 'age 7, mid_year 2025 appears twice (first on line 27)', expected: 'one row per age and mid_year' }]);
  });

  it('refuses an area, age and year given twice among several areas', () => {
    const rows = (code: string) => populationCsv([2024]).split('\n').slice(1).filter(Boolean).map((l) => `${code},${l}`);
    const file = write('pop-areas-twice.csv', ['la_code,age,mid_year,population', ...rows('E1'), ...rows('E2'), 'E2,0,2024,5'].join('\n') + '\n');
    expect(read(file, 'E1').issues).toEqual([]);
    expect(read(file, 'E2').issues).toEqual([{ location: { file, line: 38 }, path: 'age', message: 'E2 age 0, mid_year 2024 appears twice (first on line 20)', expected: 'one row per area, age and mid_year' }]);
  });

  it('refuses a year with an age missing (the band would silently shrink), naming the year and ages', () => {
    const text = populationCsv([2024, 2025]).split('\n').filter((l) => !/^(3|10|11|12),2025,/.test(l)).join('\n');
    const file = write('pop-gap.csv', text);
    const { p, issues } = read(file);
    expect(p).toBeNull();
    expect(issues).toEqual([{ location: { file, line: 20 }, path: 'age', message: 'mid_year 2025 has no row for ages 3, 10-12', expected: 'a row for every age from 0 to 17 in every year' }]);
    // With `year` for the year column the message uses the file's own word.
    const year = write('pop-gap-year.csv', text.replace('age,mid_year,population', 'age,year,population'));
    expect(read(year).issues[0].message).toBe('year 2025 has no row for ages 3, 10-12');
  });

  it('refuses an age that falls in no band (a fractional age would be dropped)', () => {
    const file = write('pop-half.csv', populationCsv([2024]) + '4.5,2024,10\n');
    expect(read(file).issues).toEqual([{ location: { file, line: 20 }, path: 'age', message: "'4.5' is not a whole age", expected: 'a whole age from 0 (or 18 and over, which are not used)' }]);
  });

  it('still accepts ages 18 and over and an open-ended top age, and reads nothing twice', () => {
    const file = write('pop-old.csv', populationCsv([2024]) + '18,2024,5\n90+,2024,3\n');
    const { p, issues } = read(file);
    expect(issues).toEqual([]);
    expect(p!.byYear[0]).toEqual([5000, 13000]);
  });

  it('refuses a council and year given twice in a published series, naming the first line', () => {
    const file = write('series-twice.csv', 'la_code,year,population_0_17\nE1,2019,1000\nE1,2020,1000\nE1,2019,1000\n');
    try { readPublishedSeries(file); expect.fail('should refuse'); } catch (e) {
      expect((e as InputParseError).issues).toEqual([{ location: { file, line: 4 }, path: 'year', message: 'E1 2019 appears twice (first on line 2)', expected: 'one row per council and year' }]);
    }
  });
});

/** A model with ages 0-4 and 5-17 following a population projection (line numbers in comments). */
const INITIAL_MAP = 'initial:\n  cin: { 0-4: 10, 5-17: 30 }\n  cla: { 0-4: 400, 5-17: 3 }\n';
const MODEL = [
  'carecast: 1', //                             1
  'name: Stock model', //                       2
  'time: { start: 2025-04-01, step: year, horizon_years: 2 }', // 3
  'states:', //                                 4
  '  - { id: home }', //                        5
  '  - { id: cin }', //                         6
  '  - { id: cla }', //                         7
  '  - { id: aged_18, absorbing: true }', //    8
  'ages: { bands: [0-4, 5-17], age_out_to: aged_18 }', // 9
  'transitions:', //                            10
  '  per: step', //                             11
  '  matrices:', //                             12
  '    - rows:', //                             13
  '        home: { cin: 0.01 }', //             14
  '        cin: { home: 0.5 }', //              15
  '        cla: { home: 0.1 }', //              16
  'population: { entry_state: home, projection: { file: pop.csv } }', // 17
  INITIAL_MAP, //                               18-20: initial, cin, cla
].join('\n');

/** Loads a model file, expecting a `ModelInvalidError`, and returns it. */
function invalidModel(file: string): ModelInvalidError {
  try {
    loadModel(file);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelInvalidError);
    return e as ModelInvalidError;
  }
  return expect.fail('the model should be refused');
}

describe('stocks larger than the population point at the number', () => {
  it('in the model file: at the largest stock of the band (its line and column)', () => {
    const model = write('over.yaml', MODEL);
    const err = invalidModel(model);
    expect(err.issues.map(formatIssue)).toEqual([
      `${model}:20:10  initial.cla.0-4: ages 0-4: the other states hold 410 children (cla the most, 400), more than the projected population of 250 (expected stocks within the population (${join(dir, 'pop.csv')}))`,
    ]);
  });

  it('in a stock CSV: at the row of the largest stock', () => {
    const stock = write('stock-over.csv', 'state,age_band,children\ncin,0-4,10\ncin,5-17,30\ncla,0-4,400\ncla,5-17,3\n');
    const model = write('over-csv.yaml', MODEL.replace(INITIAL_MAP, 'initial: { file: stock-over.csv }\n'));
    expect(invalidModel(model).issues).toEqual([
      { location: { file: stock, line: 4 }, path: 'children', message: 'ages 0-4: the other states hold 410 children (cla the most, 400), more than the projected population of 250', expected: `stocks within the population (${join(dir, 'pop.csv')})` },
    ]);
  });
});
