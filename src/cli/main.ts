/** The `carecast` command line: one subcommand per file, each a thin layer over the library. */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { UsageError } from '../errors.js';
import { processIo, type CliIo } from './io.js';
import { reportError } from './report-error.js';
import { COMPARE_FORMATS, compareCommand, type CompareOptions } from './compare.js';
import { SENSITIVITY_FORMATS, sensitivityCommand, type SensitivityOptions } from './sensitivity.js';
import { backtestCommand, calibrateCommand, type BacktestCliOptions, type CalibrateOptions } from './calibrate.js';
import { fitCommand, type FitOptions } from './fit.js';
import { synthCommand, type SynthOptions } from './synth.js';
import { reportCommand, type ReportOptions } from './report.js';
import { RUN_FORMATS, runCommand, type RunOptions } from './run.js';

/** carecast's version, from package.json. */
export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

/** The options of a seeded Monte Carlo run, shared by run, compare and report. */
function withDraws(cmd: Command, drawsHelp: string): Command {
  return cmd
    .option('--draws <n>', drawsHelp)
    .option('--seed <s>', 'seed of the draws (default 1); the same seed gives the same output')
    .option('--threads <n>', 'worker threads for the draws (default: all cores from 1,000 draws)');
}

/** Runs the CLI with `argv` (as process.argv); resolves to the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('carecast')
    .description("Forecast demand and cost of children's services with a Markov cohort model.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  const run = program
    .command('run')
    .description('project a model and print tables per financial year (children, rates per 10,000, entries, cost)')
    .argument('<model>', 'model file (YAML); see models/README.md')
    .option('-y, --years <n>', "horizon in years (default: the model's time.horizon_years)")
    .option('-f, --format <format>', `output on stdout: ${RUN_FORMATS.join(', ')}`, 'table')
    .option('-o, --out <dir>', 'also write projection.csv (tidy), projection.json and projection.md to this folder')
    .option('-q, --quiet', 'with --out, print nothing on stdout');
  withDraws(run, 'Monte Carlo draws over the uncertainty the model declares: means and 5th-95th percentiles')
    .addHelpText('after', '\nExamples:\n  carecast run models/example.yaml --years 10\n  carecast run models/example.yaml --format md > board.md\n  carecast run models/example.yaml --out out/example')
    .action(async (model: string, opts: RunOptions) => {
      code = await runCommand(model, opts, io, VERSION);
    });

  const compare = program
    .command('compare')
    .description('project the baseline and each scenario on the same model: children, cost, programme cost, net saving, payback and ROI per financial year and over 5 and 10 years')
    .argument('<model>', 'model file (YAML); see models/README.md')
    .argument('<scenarios...>', 'scenario files (YAML); see scenarios/README.md')
    .option('-y, --years <n>', "horizon in years (default: the model's time.horizon_years)")
    .option('-f, --format <format>', `output on stdout: ${COMPARE_FORMATS.join(', ')}`, 'table')
    .option('-o, --out <dir>', 'also write comparison.csv (tidy), comparison.json, comparison.md and comparison.xlsx to this folder')
    .option('-q, --quiet', 'with --out, print nothing on stdout');
  withDraws(compare, 'Monte Carlo draws over the uncertainty the model and scenarios declare (common random numbers)')
    .addHelpText('after', '\nExamples:\n  carecast compare models/example.yaml scenarios/early-help.yaml scenarios/edge-of-care.yaml\n  carecast compare models/example.yaml scenarios/*.yaml --format md > board.md\n  carecast compare models/example.yaml scenarios/*.yaml --out out/compare')
    .action(async (model: string, scenarios: string[], opts: CompareOptions) => {
      code = await compareCommand(model, scenarios, opts, io, VERSION);
    });

  program
    .command('sensitivity')
    .description('one-at-a-time sensitivity: each uncertain parameter at its low and high value, the swing in 5- and 10-year cost (or a scenario\'s net saving) and in children in care, largest first')
    .argument('<model>', 'model file (YAML) with an uncertainty section')
    .option('-s, --scenario <file>', 'measure the net saving of this scenario (its own uncertain effects are varied too)')
    .option('-y, --years <n>', "horizon in years (default: the model's time.horizon_years)")
    .option('-f, --format <format>', `output on stdout: ${SENSITIVITY_FORMATS.join(', ')}`, 'table')
    .option('-o, --out <dir>', 'also write sensitivity.csv and sensitivity.md to this folder')
    .option('-q, --quiet', 'with --out, print nothing on stdout')
    .addHelpText('after', '\nExamples:\n  carecast sensitivity models/example.yaml\n  carecast sensitivity models/example.yaml --scenario scenarios/early-help.yaml --format md')
    .action(async (model: string, opts: SensitivityOptions) => {
      code = await sensitivityCommand(model, opts, io);
    });

  const report = program
    .command('report')
    .description('a self-contained HTML report for a board: summary, charts (static SVG), tables, assumptions')
    .argument('<model>', 'model file (YAML)')
    .argument('[scenarios...]', 'scenario files (YAML)')
    .requiredOption('-o, --out <file>', 'the HTML file to write, e.g. report.html')
    .option('-y, --years <n>', "horizon in years (default: the model's time.horizon_years)")
    .option('-q, --quiet', 'print nothing on stderr');
  withDraws(report, 'Monte Carlo draws for fan charts and the chance of saving money')
    .addHelpText('after', '\nExample:\n  carecast report models/example.yaml scenarios/early-help.yaml scenarios/edge-of-care.yaml --draws 2000 --seed 1 --out report.html')
    .action(async (model: string, scenarios: string[], opts: ReportOptions) => {
      code = await reportCommand(model, scenarios, opts, io, VERSION);
    });

  program
    .command('calibrate')
    .description("fit a council's monthly rates to its published stocks and flows (DfE), report the fit, and write a model file")
    .requiredOption('--series <file>', 'published series CSV (la_code, year, population_0_17, cin, cpp, cla, flows)')
    .requiredOption('--la <code>', 'the council, by la_code (e.g. E10000013)')
    .requiredOption('--from <year>', 'stocks at 31 March of this year start the model')
    .requiredOption('--to <year>', 'the last year ending 31 March fitted')
    .option('-o, --out <file>', 'write the calibrated model (YAML) and its population CSV')
    .option('-f, --format <format>', 'table or md', 'table')
    .option('-q, --quiet', 'with --out, print nothing on stdout')
    .addHelpText('after', '\nExample:\n  carecast calibrate --series data/published/la_timeseries_2013_2022.csv --la E10000013 --from 2016 --to 2022 --out models/gloucestershire.yaml')
    .action(async (opts: CalibrateOptions) => {
      code = await calibrateCommand(opts, io);
    });

  program
    .command('backtest')
    .description('calibrate each council on years up to an origin, forecast, and score against what happened and against naive forecasts')
    .requiredOption('--series <file>', 'published series CSV')
    .requiredOption('--origin <year>', 'origin year, or a range such as 2017..2019')
    .option('--horizon <years>', 'years ahead', '3')
    .option('--la <codes...>', 'only these councils (la_code)')
    .option('--draws <n>', 'draws of the calibrated rates for 50% and 80% intervals')
    .option('--seed <s>', 'seed of the draws (default 1)')
    .option('-o, --out <dir>', 'write summary.md, summary.csv, forecasts.csv (one row per council, origin, year, series) and councils.csv (errors per council)')
    .option('-q, --quiet', 'with --out, print nothing on stdout')
    .addHelpText('after', '\nExample:\n  carecast backtest --series data/published/la_timeseries_2013_2022.csv --origin 2017..2019 --horizon 3 --out out/backtest')
    .action(async (opts: BacktestCliOptions) => {
      code = await backtestCommand(opts, io);
    });

  program
    .command('fit')
    .description('count transitions between states from council records (SSDA903, CIN census, early help) and write a model file with the counts')
    .option('--ssda903 <dir>', 'folder of SSDA903 returns: year folders with episodes.csv and header.csv')
    .option('--cin <file>', 'CIN census as a flat CSV (one row per child per referral)')
    .option('--early-help <file>', 'episodes CSV: child_id, date_of_birth, state, start_date, end_date')
    .option('--population <file>', 'ONS-style population projection CSV (age, mid_year, population): makes entries rates per child')
    .option('--area <code>', 'la_code to use when the population file holds several areas')
    .requiredOption('--from <date>', 'first day of the window (YYYY-MM-DD, first of a month)')
    .requiredOption('--to <date>', 'last day of the window (YYYY-MM-DD)')
    .option('--step <unit>', 'month or quarter', 'month')
    .option('--ages <bands>', 'age bands', '0-4,5-9,10-15,16-17')
    .option('-o, --out <file>', 'write the fitted model (YAML)')
    .option('--report <file>', 'with --out, also write the fitted rows with counts as CSV')
    .option('--placements', 'split care into a state per placement type (in-house foster, IFA, residential, …), from PLACE and PLACE_PROVIDER')
    .option('-q, --quiet', 'with --out, print nothing on stdout')
    .addHelpText('after', '\nExample:\n  carecast fit --ssda903 data/ssda903-sample --from 2017-04-01 --to 2021-03-31 --out models/fitted.yaml')
    .action(async (opts: FitOptions) => {
      code = await fitCommand(opts, io);
    });

  program
    .command('synth')
    .description('simulate children through a model and write SSDA903, CIN census and early-help files (and their population): data with a known truth')
    .requiredOption('--model <file>', 'a monthly model with states among universal, early_help, cin, cpp, cic')
    .requiredOption('--children <n>', 'children to simulate')
    .option('--years <n>', 'years to simulate', '3')
    .option('--seed <s>', 'seed', '1')
    .requiredOption('-o, --out <dir>', 'folder to write 903/<year>/episodes.csv, header.csv, cin.csv, early-help.csv, population.csv')
    .option('-q, --quiet', 'print nothing on stderr')
    .action(async (opts: SynthOptions) => {
      code = await synthCommand(opts, io);
    });

  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; any other parse failure is a usage error (2).
      return err.exitCode === 0 ? 0 : reportError(new UsageError(err.message.replace(/^error: /, '')), io);
    }
    return reportError(err, io);
  }
}
