/**
 * Command-line mistakes: each reported once, in carecast's words, with the subcommand's help
 * named; no arguments is a question (the help, exit 0); a close misspelling gets a "did you mean".
 */
import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/model/suggest.js';
import { runCli } from '../helpers.js';

const SERIES = 'data/published/la_timeseries_2013_2022.csv';

/** The lines of stderr that start an error. */
const errorLines = (stderr: string) => stderr.split('\n').filter((l) => /^error/i.test(l));

describe('each command-line error is printed once', () => {
  const mistakes: [string[], string, RegExp][] = [
    [['rn', 'models/example.yaml'], 'carecast --help', /unknown command 'rn'/],
    [['run'], 'carecast run --help', /missing required argument 'model'/],
    [['run', 'models/example.yaml', '--yeras', '3'], 'carecast run --help', /unknown option '--yeras'/],
    [['compare', 'models/example.yaml'], 'carecast compare --help', /missing required argument 'scenarios'/],
    [['fit'], 'carecast fit --help', /required option '--from <date>' not specified/],
    [['calibrate', '--series', SERIES], 'carecast calibrate --help', /required option '--la <code>' not specified/],
    [['synth', '--model', 'm.yaml'], 'carecast synth --help', /required option '--children <n>' not specified/],
    [['report', 'models/example.yaml'], 'carecast report --help', /required option '-o, --out <file>' not specified/],
    [['run', 'models/example.yaml', '--years', 'ten'], 'carecast run --help', /--years must be a whole number of years/],
    [['backtest', '--series', SERIES, '--origin', '2019', '--horizon', '11'], 'carecast backtest --help', /--horizon must be/],
    [['sensitivity', 'models/example.yaml', 'extra'], 'carecast sensitivity --help', /too many arguments/],
  ];
  for (const [args, help, says] of mistakes) {
    it(`carecast ${args.join(' ')}`, async () => {
      const r = await runCli(...args);
      expect(r.code).toBe(2);
      expect(errorLines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(/^error\[USAGE\]: /);
      expect(r.stderr).toMatch(says);
      expect(r.stderr).toContain(`Run \`${help}\``);
      expect(r.stdout).toBe('');
    });
  }

  it('no arguments prints the overview and exits 0', async () => {
    const r = await runCli();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: carecast /);
    expect(r.stdout).toContain('Run `carecast <command> --help`');
    for (const c of ['run', 'compare', 'sensitivity', 'report', 'calibrate', 'backtest', 'fit', 'synth', 'validate']) expect(r.stdout).toMatch(new RegExp(`\\n  ${c} `));
    expect(r.stderr).toBe('');
  });

  it('--help and --version exit 0 and print no error', async () => {
    for (const args of [['--help'], ['--version'], ['help'], ['help', 'fit'], ['fit', '--help']]) {
      const r = await runCli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr).toBe('');
    }
  });

  it('--help marks the required options as required, and only those', async () => {
    const cases: [string, string[], string[]][] = [
      ['fit', ['--from <date>', '--to <date>'], ['--ssda903 <dir>', '--out <file>']],
      ['calibrate', ['--series <file>', '--la <code>', '--from <year>', '--to <year>'], ['--out <file>']],
      ['backtest', ['--series <file>', '--origin <year>'], ['--horizon <years>']],
      ['synth', ['--model <file>', '--children <n>', '--out <dir>'], ['--years <n>']],
      ['report', ['--out <file>'], ['--draws <n>']],
    ];
    for (const [command, required, optional] of cases) {
      const help = (await runCli(command, '--help')).stdout;
      // An option's entry runs from its flags to the next option's.
      const entry = (flag: string) => help.slice(help.indexOf(flag)).split(/\n {2}-/)[0];
      for (const f of required) expect(entry(f), `${command} ${f}`).toContain('(required)');
      for (const f of optional) expect(entry(f), `${command} ${f}`).not.toContain('(required)');
    }
  });
});

describe('did you mean', () => {
  it('for a misspelt subcommand', async () => {
    for (const [typo, meant] of [['rn', 'run'], ['comapre', 'compare'], ['calibrat', 'calibrate'], ['valdate', 'validate']]) {
      const r = await runCli(typo, 'x');
      expect(r.stderr).toContain(`unknown command '${typo}': did you mean '${meant}'?`);
    }
  });

  it('for a misspelt --format or --step value, in every command that takes one', async () => {
    const cases: [string[], string][] = [
      [['run', 'models/example.yaml', '--format', 'mdd'], 'md'],
      [['run', 'models/example.yaml', '--format', 'jsno'], 'json'],
      [['compare', 'models/example.yaml', 'scenarios/early-help.yaml', '--format', 'tabel'], 'table'],
      [['sensitivity', 'models/example.yaml', '--format', 'cvs'], 'csv'],
      [['calibrate', '--series', SERIES, '--la', 'E10000013', '--from', '2016', '--to', '2022', '--format', 'MD'], 'md'],
      [['fit', '--ssda903', 'data/ssda903-sample', '--from', '2017-04-01', '--to', '2021-03-31', '--step', 'quater'], 'quarter'],
    ];
    for (const [args, meant] of cases) {
      const r = await runCli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`did you mean '${meant}'?`);
    }
  });

  it('not when nothing is close', async () => {
    const r = await runCli('run', 'models/example.yaml', '--format', 'pdf');
    expect(r.stderr).toContain("--format must be one of table, md, json, csv, not 'pdf'");
    expect(r.stderr).not.toContain('did you mean');
  });

  it("for a misspelt council code in calibrate and backtest, against the series' codes", async () => {
    const cal = await runCli('calibrate', '--series', SERIES, '--la', 'E1000013', '--from', '2016', '--to', '2022');
    expect(cal.code).toBe(2);
    expect(cal.stderr).toContain("has no council 'E1000013': did you mean 'E10000013'?");
    const lower = await runCli('calibrate', '--series', SERIES, '--la', 'e10000013', '--from', '2016', '--to', '2022');
    expect(lower.stderr).toContain("did you mean 'E10000013'?");
    const back = await runCli('backtest', '--series', SERIES, '--origin', '2019', '--la', 'E10000013', 'E0900001');
    expect(back.code).toBe(2);
    expect(back.stderr).toContain("has no council 'E0900001': did you mean 'E09000001'?");
    const far = await runCli('calibrate', '--series', SERIES, '--la', 'Gloucestershire', '--from', '2016', '--to', '2022');
    expect(far.stderr).not.toContain('did you mean');
  });

  it('didYouMean: the closest within a third of the length, swaps counted as one edit, ignoring case', () => {
    expect(didYouMean('mdd', ['table', 'md', 'json'])).toBe("did you mean 'md'?");
    expect(didYouMean('cpd', ['cin', 'cpp', 'cic'])).toBe("did you mean 'cpp'?");
    expect(didYouMean('ealry_help', ['early_help', 'universal'])).toBe("did you mean 'early_help'?");
    expect(didYouMean('CIN', ['cin', 'cpp'])).toBe("did you mean 'cin'?");
    expect(didYouMean('xyz', ['table', 'md'])).toBeNull();
    expect(didYouMean('md', ['md'])).toBeNull();
    expect(didYouMean('a', [])).toBeNull();
  });
});
