/**
 * Estimation from records: the SSDA903 sample (a third party's synthetic returns) loads as it is,
 * bad rows get located errors, and fitting synthetic records recovers the matrix that made them.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile.js';
import { InputParseError } from '../../src/errors.js';
import { dayNumber } from '../../src/estimate/dates.js';
import { placementType, readSsda903 } from '../../src/estimate/ssda903.js';
import { loadModel } from '../../src/model/load.js';
import { runCli } from '../helpers.js';

const SAMPLE = 'data/ssda903-sample';

describe('dates as councils write them', () => {
  it('reads dd/mm/yyyy and ISO alike, and refuses dates that do not exist', () => {
    expect(dayNumber('01/04/2017')).toBe(dayNumber('2017-04-01'));
    expect(dayNumber('2017-04-01')).toBe(Date.UTC(2017, 3, 1) / 86_400_000);
    expect(dayNumber('31/02/2017')).toBeNull();
    expect(dayNumber('2017/04/01')).toBeNull();
  });

  it("maps placements to the example council's placement states (PLACE and PLACE_PROVIDER)", () => {
    expect(placementType('U4', 'PR1')).toBe('in_house_foster');
    expect(placementType('U5', 'PR4')).toBe('ifa');
    expect(placementType('K2', 'PR4')).toBe('external_residential');
    expect(placementType('K2', 'PR1')).toBe('in_house_residential');
    expect(placementType('H5', 'PR4')).toBe('supported');
    expect(placementType('P1', 'PR0')).toBe('placed_with_parents');
    expect(placementType('A4', 'PR1')).toBe('adoption');
    expect(placementType('Z1', 'PR4')).toBe('other_placement');
  });
});

describe('the SSDA903 sample', () => {
  it('loads as it is: every row read, repeats and short breaks counted, none dropped silently', async () => {
    const { report, episodes } = await readSsda903(SAMPLE);
    // counted apart with wc and awk: 1,461 + 975 + 649 + 403 + 254 lines less 5 headers = 3,737
    // rows; 2,827 distinct (CHILD, DECOM) keys; 431 of them short breaks (LS V3/V4).
    expect(report.episodeRows).toBe(3737);
    expect(report.excluded.duplicate).toBe(3737 - 2827);
    expect(report.excluded.shortBreak).toBe(431);
    expect(report.episodes + report.excluded.shortBreak + report.excluded.noHeader).toBe(2827);
    expect(episodes.every((e) => e.end === null || e.end >= e.start)).toBe(true);
  });

  it('fits a model from it that runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-fit-'));
    const out = join(dir, 'fitted.yaml');
    const r = await runCli('fit', '--ssda903', SAMPLE, '--from', '2017-04-01', '--to', '2021-03-31', '--out', out, '--report', join(dir, 'rows.csv'), '-q');
    expect(r.code).toBe(0);
    expect((await runCli('run', out, '--years', '5', '-q', '--out', join(dir, 'run'))).code).toBe(0);
    expect(readFileSync(join(dir, 'rows.csv'), 'utf8').split('\n')[0]).toBe('age_band,from,to,count,probability,child_steps,note');
  });
});

describe('placement types', () => {
  it('--placements splits care by placement type; the children in care add up to the unsplit count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-place-'));
    const args = ['fit', '--ssda903', SAMPLE, '--from', '2017-04-01', '--to', '2021-03-31', '-q'];
    expect((await runCli(...args, '--out', join(dir, 'one.yaml'))).code).toBe(0);
    expect((await runCli(...args, '--placements', '--out', join(dir, 'split.yaml'))).code).toBe(0);
    const one = loadModel(join(dir, 'one.yaml'));
    const split = loadModel(join(dir, 'split.yaml'));
    const example = ['in_house_foster', 'ifa', 'in_house_residential', 'external_residential', 'supported', 'placed_with_parents', 'adoption', 'other_placement'];
    const care = split.states.map((st, i) => (example.includes(st.id) ? i : -1)).filter((i) => i >= 0);
    expect(split.states.map((st) => st.id)).toContain('external_residential');
    const total = (m: typeof one, idx: number[]) => m.initial.reduce((t, row) => t + idx.reduce((a, i) => a + row[i], 0), 0);
    expect(total(split, care)).toBe(total(one, [one.states.findIndex((st) => st.id === 'cic')]));
    expect(split.groups[0]).toMatchObject({ id: 'cic', states: care.map((i) => split.states[i].id) });
  });
});

// Every file is read by the direct splitter when it has no quote and by csv-parse when it has one:
// the same returns with a quoted header (the same records) must give the same results and errors.
const HEADERS = { unquoted: (h: string) => h, quoted: (h: string) => h.replace(/^(\w+)/, '"$1"') };

describe.each(Object.entries(HEADERS))('bad CIN census rows (header %s)', (_, header) => {
  it('names the line and field of a date that does not parse and of a closure before its referral', async () => {
    const { readCinCensus } = await import('../../src/estimate/intervals.js');
    const dir = mkdtempSync(join(tmpdir(), 'carecast-cin-'));
    const file = join(dir, 'cin.csv');
    writeFileSync(file, header('LAchildID,PersonBirthDate,CINreferralDate,CINclosureDate') + '\nA,01/01/2012,2020-13-01,\nB,01/01/2012,01/05/2020,01/04/2020\nC,01/01/2012,,01/04/2020\n');
    try {
      await readCinCensus(file);
      expect.fail('should be refused');
    } catch (e) {
      // row 4 closes a referral that has no referral date: not skipped silently
      expect((e as InputParseError).issues.map((i) => [i.location.line, i.path])).toEqual([[2, 'CINreferralDate'], [3, 'CINclosureDate'], [4, 'CINreferralDate']]);
    }
  });
});

describe('the same returns read by either path', () => {
  it('the SSDA903 sample with quoted headers gives the same episodes, children and counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-quoted-'));
    for (const year of readdirSync(SAMPLE).filter((y) => /^\d{4}$/.test(y))) {
      mkdirSync(join(dir, year));
      for (const f of ['header.csv', 'episodes.csv']) writeFileSync(join(dir, year, f), HEADERS.quoted(readFileSync(join(SAMPLE, year, f), 'utf8')));
    }
    const plain = await readSsda903(SAMPLE);
    const quoted = await readSsda903(dir);
    const strip = (r: typeof plain) => ({ ...r, episodes: r.episodes.map((e) => ({ ...e, file: e.file.slice(-16) })), report: { ...r.report, files: r.report.files.map((f) => f.slice(-16)) } });
    expect(strip(quoted)).toEqual(strip(plain));
  });
});

describe.each(Object.entries(HEADERS))('bad SSDA903 rows (header %s)', (_, header) => {
  const write = (episodes: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-903-'));
    mkdirSync(join(dir, '2020'));
    writeFileSync(join(dir, '2020', 'header.csv'), header('CHILD,SEX,DOB') + '\n1,1,01/01/2010\n');
    writeFileSync(join(dir, '2020', 'episodes.csv'), header('CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC') + `\n${episodes}`);
    return dir;
  };
  const refused = async (episodes: string) => {
    try {
      await readSsda903(write(episodes));
    } catch (e) {
      expect(e).toBeInstanceOf(InputParseError);
      return (e as InputParseError).issues;
    }
    expect.fail('should be refused');
  };

  it('names the file, line and field of a bad date, an end before the start and an unknown code', async () => {
    const issues = await refused(['1,32/01/2019,S,C2,N1,U4,PR1,,', '1,01/03/2019,S,C2,N1,U4,PR1,01/02/2019,E4A', '1,01/05/2019,Q,C2,N1,U4,PR1,,'].join('\n') + '\n');
    expect(issues.map((i) => [i.location.line, i.path])).toEqual([[2, 'DECOM'], [3, 'DEC'], [4, 'RNE']]);
    expect(issues[1].message).toBe('the episode ends (01/02/2019) before it starts (01/03/2019)');
    expect(issues[2].expected).toBe('one of S, L, P, T, B, U');
  });

  it('closes an open episode missing from a later return at the end of its last return, and counts it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-stale-'));
    for (const [y, rows] of [[2018, '1,01/06/2017,S,C2,N1,U4,PR1,,\n'], [2019, '2,01/06/2018,S,C2,N1,U4,PR1,,\n']] as const) {
      mkdirSync(join(dir, String(y)));
      writeFileSync(join(dir, String(y), 'header.csv'), header('CHILD,SEX,DOB') + '\n1,1,01/01/2010\n2,2,01/01/2011\n');
      writeFileSync(join(dir, String(y), 'episodes.csv'), header('CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC') + `\n${rows}`);
    }
    const { episodes, report } = await readSsda903(dir);
    // child 1: open in the 2018 return, absent from 2019's: ended by 31 March 2018 at the latest
    expect(episodes.find((e) => e.child === '1')!.end).toBe(dayNumber('2018-04-01'));
    expect(episodes.find((e) => e.child === '2')!.end).toBeNull(); // open in the latest return
    expect(report.adjusted.staleOpenClosed).toBe(1);
  });

  it('names the line of a malformed row (a stray quote) instead of failing', async () => {
    const issues = await refused('1,01/01/2019,S,C2,N1,"U4"x,PR1,,\n');
    expect(issues[0].location.file).toMatch(/episodes\.csv$/);
    expect(issues[0].location.line).toBe(2);
  });

  it('names a missing column', async () => {
    const dir = write('');
    writeFileSync(join(dir, '2020', 'episodes.csv'), header('CHILD,DECOM,RNE') + '\n1,01/01/2019,S\n');
    try {
      await readSsda903(dir);
      expect.fail('should be refused');
    } catch (e) {
      expect((e as InputParseError).issues[0].message).toBe('columns LS, PLACE, PLACE_PROVIDER, DEC, REC missing');
    }
  });
});

describe('synthetic data with a known truth', () => {
  it('fitting records simulated from a model recovers its monthly matrix: every probability within 3 standard errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-synth-'));
    const truthFile = 'test/estimate/fixtures/truth.yaml';
    expect((await runCli('synth', '--model', truthFile, '--children', '20000', '--years', '3', '--seed', '7', '--out', dir, '-q')).code).toBe(0);
    const out = join(dir, 'fitted.yaml');
    const r = await runCli('fit', '--ssda903', join(dir, '903'), '--cin', join(dir, 'cin.csv'), '--early-help', join(dir, 'early-help.csv'), '--population', join(dir, 'population.csv'), '--from', '2022-04-01', '--to', '2025-03-31', '--out', out, '--report', join(dir, 'rows.csv'), '-q');
    expect(r.code).toBe(0);
    const truth = (await compileModel(loadModel(truthFile))).plan;
    const ids = ['universal', 'early_help', 'cin', 'cpp', 'cic'];
    const bands = ['0-4', '5-9', '10-15', '16-17'];
    const n = 6; // the truth's states: the five above and aged_18
    const rows = readFileSync(join(dir, 'rows.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    let checked = 0;
    for (const [band, from, to, , p, steps] of rows) {
      if (from === 'universal') continue; // its exposure comes from mid-year population points, interpolated
      const b = bands.indexOf(band);
      const expected = truth.P[(b * n + ids.indexOf(from)) * n + ids.indexOf(to)];
      const se = Math.sqrt((expected * (1 - expected)) / Number(steps));
      expect(Math.abs(Number(p) - expected), `${band} ${from} → ${to}: fitted ${p}, truth ${expected}, SE ${se.toFixed(5)}`).toBeLessThanOrEqual(3 * se + 1e-12);
      checked++;
    }
    expect(checked).toBe(4 * 4 * 5);
  }, 60_000);
});
