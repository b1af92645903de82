/** The `carecast` command line: one subcommand per file, each a thin layer over the library. */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Help, type Option } from 'commander';
import { USAGE_HINT, UsageError } from '../errors.js';
import { endQuietlyWhenOutputCloses, processIo, type CliIo } from './io.js';
import { reportError } from './report-error.js';
import { CALIBRATE_FORMATS, COMPARE_FORMATS, FORECAST_FORMATS, RUN_FORMATS, SENSITIVITY_FORMATS, TARGET_FORMATS } from './formats.js';
// Command modules (and the library and packages behind them) load when their command runs, so
// `--help` and `--version` start at once.
import type { BacktestEhcpOptions } from './backtest-ehcp.js';
import type { CompareOptions } from './compare.js';
import type { SensitivityOptions } from './sensitivity.js';
import type { BacktestCliOptions, CalibrateOptions } from './calibrate.js';
import type { FitOptions } from './fit.js';
import type { ForecastOptions } from './forecast.js';
import type { SynthOptions } from './synth.js';
import type { ReportOptions } from './report.js';
import type { PlannerOptions } from './planner.js';
import type { RunOptions } from './run.js';
import type { TargetOptions } from './target.js';

/** carecast's version, from package.json. */
export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

/** What `--seed` takes, for every command that has one. */
const SEED_HELP = 'a number or a word; numbers are read as numbers (042 and 42.0 are seed 42), words as written; the same seed gives the same output';

/** The options of a seeded Monte Carlo run, shared by run, compare and report. */
function withDraws(cmd: Command, drawsHelp: string): Command {
  return cmd
    .option('--draws <n>', `Monte Carlo draws, 1 to 100,000, ${drawsHelp}`)
    .option('--seed <s>', `seed of the draws (default 1): ${SEED_HELP}`)
    .option('--threads <n>', 'threads for the draws, 1 to 64: this one and n - 1 workers (default: all cores from 1,000 draws)');
}

/** Help that says which options are required (commander lists them like any other); subcommands inherit it. */
const helpConfiguration = {
  optionDescription(this: Help, option: Option): string {
    const text = Help.prototype.optionDescription.call(this, option);
    return option.mandatory ? `${text} (required)` : text;
  },
};

/**
 * Commander's parse failures in carecast's words: one line, and commander's own suggestion as
 * "did you mean 'x'?".
 */
function usageMessage(err: CommanderError): string {
  const [first, ...rest] = err.message.replace(/^error: /, '').split('\n');
  const suggestion = /^\(Did you mean (.+)\?\)$/.exec(rest.join(' ').trim());
  return suggestion ? `${first}: did you mean '${suggestion[1]}'?` : [first, ...rest].join(' ');
}

/** Runs the CLI with `argv` (as process.argv); resolves to the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (io === processIo) endQuietlyWhenOutputCloses();
  let code = 0;
  const program = new Command()
    .name('carecast')
    .description("Forecast demand and cost of children's services with a Markov cohort model.")
    .version(VERSION)
    .exitOverride()
    // Commander's error line is not printed: carecast prints each error once, with what to do.
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => {} })
    .configureHelp(helpConfiguration)
    .addHelpText('after', '\nRun `carecast <command> --help` for its arguments and options (README.md: Command reference).\nExit codes: 0 done, 2 invalid input or command line (nothing written), 1 a fault in carecast.');

  const run = program
    .command('run')
    .summary('project a model: children, rates, entries and cost per financial year')
    .description('project a model and print tables per financial year (children, rates per 10,000, entries, cost)')
    .argument('<model>', 'model file (YAML); see models/README.md')
    .option('-y, --years <n>', "horizon in years, 1 to 100 (default: the model's time.horizon_years)")
    .option('-f, --format <format>', `output on stdout: ${RUN_FORMATS.join(', ')}`, 'table')
    .option('-o, --out <dir>', 'also write projection.csv (tidy), projection.json and projection.md to this folder (with --draws: projection-draws.csv and projection-draws.md instead)')
    .option('-q, --quiet', 'with --out, print nothing on stdout');
  withDraws(run, 'over the uncertainty the model declares: means and 5th-95th percentiles')
    .addHelpText('after', '\nExamples:\n  carecast run models/example.yaml --years 10\n  carecast run models/example.yaml --format md > out/board.md\n  carecast run models/example.yaml --out out/example')
    .action(async (model: string, opts: RunOptions) => {
      code = await (await import('./run.js')).runCommand(model, opts, io, VERSION);
    });

  const compare = program
    .command('compare')
    .summary('baseline and scenarios side by side: net saving, payback, ROI')
    .description('project the baseline and each scenario on the same model: children, cost, programme cost, net saving, payback and ROI per financial year and over 5 and 10 years')
    .argument('<model>', 'model file (YAML); see models/README.md')
    .argument('<scenarios...>', 'scenario files (YAML); see scenarios/README.md')
    .option('-y, --years <n>', "horizon in years, 1 to 100 (default: the model's time.horizon_years)")
    .option('-f, --format <format>', `output on stdout: ${COMPARE_FORMATS.join(', ')}`, 'table')
    .option('-o, --out <dir>', 'also write comparison.csv (tidy), comparison.json, comparison.md and comparison.xlsx to this folder (with --draws: these and comparison-draws.csv and comparison-draws.md)')
    .option('-q, --quiet', 'with --out, print nothing on stdout');
  withDraws(compare, 'over the uncertainty the model and scenarios declare (common random numbers)')
    .addHelpText('after', '\nExamples:\n  carecast compare models/example.yaml scenarios/early-help.yaml scenarios/edge-of-care.yaml\n  carecast compare models/example.yaml scenarios/*.yaml --format md > out/compare.md\n  carecast compare models/example.yaml scenarios/*.yaml --out out/compare')
    .action(async (model: string, scenarios: string[], opts: CompareOptions) => {
      code = await (await import('./compare.js')).compareCommand(model, scenarios, opts, io, VERSION);
    });

  program
    .command('sensitivity')
    .summary('tornado: the swing from each uncertain parameter, largest first')
    .description('one-at-a-time sensitivity: each uncertain parameter at its low and high value, the swing in 5- and 10-year cost (or a scenario\'s net saving) and in children in care, largest first')
    .argument('<model>', 'model file (YAML) with an uncertainty section')
    .option('-s, --scenario <file>', 'measure the net saving of this scenario (its own uncertain effects are varied too)')
    .option('-y, --years <n>', "horizon in years, 1 to 100 (default: the model's time.horizon_years)")
    .option('-f, --format <format>', `output on stdout: ${SENSITIVITY_FORMATS.join(', ')}`, 'table')
    .option('-o, --out <dir>', 'also write sensitivity.csv and sensitivity.md to this folder')
    .option('-q, --quiet', 'with --out, print nothing on stdout')
    .addHelpText('after', '\nExamples:\n  carecast sensitivity models/example.yaml\n  carecast sensitivity models/example.yaml --scenario scenarios/early-help.yaml --format md')
    .action(async (model: string, opts: SensitivityOptions) => {
      code = await (await import('./sensitivity.js')).sensitivityCommand(model, opts, io);
    });

  program
    .command('target')
    .summary('goal-seek: the value of one lever of a scenario that meets a target')
    .description('goal-seek: vary one lever of a scenario over a range and solve for the value that meets a target (net saving, break-even, payback, cost, children or a rate per 10,000 in a year); every value meeting it is found, the one nearest the stated value reported')
    .argument('<model>', 'model file (YAML); see models/README.md')
    .argument('<scenario>', 'scenario file (YAML) whose lever is varied; see scenarios/README.md')
    .requiredOption('--vary <lever>', "the lever: a change's, cost's or capacity item's id (its value), or id.field (early_help_team.fixed_per_year, timing.phase_in_months, recruit_foster_carers.cost_per_recruit); an unknown name lists the levers")
    .requiredOption('--target <target>', "what to reach: MEASURE@WHEN[OP VALUE], e.g. 'net_saving@5y=2000000' (see below)")
    .option('--range <low..high>', "values to search, e.g. 0.5..1 (default: the lever's own range: a factor from no effect to twice the stated effect, money 0 to 3x)")
    .option('-y, --years <n>', "horizon in years, 1 to 100 (default: the model's time.horizon_years)")
    .option('-f, --format <format>', `output on stdout: ${TARGET_FORMATS.join(', ')}`, 'table')
    .option('-o, --out <dir>', 'also write target.json and target.md to this folder')
    .option('-q, --quiet', 'with --out, print nothing on stdout')
    .option('--draws <n>', 'Monte Carlo draws, 1 to 100,000: the chance of meeting the target at the value found, and the value needed for --chance (the same draws for every value tried)')
    .option('--seed <s>', `seed of the draws (default 1): ${SEED_HELP}`)
    .option('--chance <p>', 'with --draws: the chance wanted, e.g. 0.8 or 80% (default 0.8)')
    .addHelpText(
      'after',
      `
Targets (MEASURE@WHEN, then OP VALUE where the measure takes one):
  net_saving, net_saving_discounted   net saving over the first N whole financial years (compare's N-year total)
  break_even, break_even_discounted   net saving 0 over those years (no value)
  payback, payback_discounted         paid back by that year: cumulative net saving at least 0 from it to the horizon (no value)
  cost, cost_discounted               the scenario's cost of services and programmes in that year
  STATE or GROUP (e.g. cic, cpp)      children at 31 March of that year
  rate:STATE or rate:GROUP            the same per 10,000 children aged 0-17
WHEN: Ny (the Nth whole financial year), 2029/30 (a financial year), or 2030 (the year ending 31 March 2030).
OP: = (meet exactly), >= or <= (which side meets it; default: savings from the target up, children and cost down).
VALUE: a number, optionally £ before and k or m after: 2000000, £2m, 2.5m, 500k, -100k;
  or start, for children or a rate as at the start ('rate:cic@5y<=start': hold care at today's rate).
Not reachable in the range: exit 2 (TARGET_NOT_REACHABLE), with the nearest value tried and its result.

Examples:
  carecast target models/example.yaml scenarios/early-help.yaml --vary fewer_step_ups --target 'net_saving@5y=2000000'
  carecast target models/example.yaml scenarios/early-help.yaml --vary early_help_team.fixed_per_year --target break_even@5y
  carecast target models/example.yaml scenarios/edge-of-care.yaml --vary fewer_entries_from_plans --target 'cic@2030<=775' --draws 1000 --seed 1 --chance 0.8`,
    )
    .action(async (model: string, scenario: string, opts: TargetOptions) => {
      code = await (await import('./target.js')).targetCommand(model, scenario, opts, io, VERSION);
    });

  const report = program
    .command('report')
    .summary('a self-contained HTML report for a board')
    .description('a self-contained HTML report for a board: summary, charts (static SVG), tables, assumptions')
    .argument('<model>', 'model file (YAML)')
    .argument('[scenarios...]', 'scenario files (YAML)')
    .requiredOption('-o, --out <file>', 'the HTML file to write, e.g. report.html')
    .option('-y, --years <n>', "horizon in years, 1 to 100 (default: the model's time.horizon_years)")
    .option('-q, --quiet', 'print nothing on stderr')
    .option('--vary <lever>', 'goal-seek: a lever of one of the scenarios (the first that has it), as for carecast target')
    .option('--target <target>', "goal-seek: the target, e.g. 'net_saving@5y=2000000' (carecast target --help)")
    .option('--range <low..high>', 'goal-seek: the values of the lever to search')
    .option('--chance <p>', 'goal-seek with --draws: the chance wanted (default 0.8)');
  withDraws(report, 'for fan charts, the chance of saving money, and with --target the chance of meeting it')
    .addHelpText('after', '\nExamples:\n  carecast report models/example.yaml scenarios/early-help.yaml scenarios/edge-of-care.yaml --draws 2000 --seed 1 --out out/report.html\n  carecast report models/example.yaml scenarios/early-help.yaml --vary fewer_step_ups --target net_saving@5y=2m --out out/report.html')
    .action(async (model: string, scenarios: string[], opts: ReportOptions) => {
      code = await (await import('./report.js')).reportCommand(model, scenarios, opts, io, VERSION);
    });

  program
    .command('planner')
    .summary("one HTML page where a planner moves scenario levers and the engine projects again, offline")
    .description("one self-contained HTML page (no server, no requests) with a control for every lever of every scenario; moving one re-projects in the page with carecast's own engine; settings save as scenario YAML that compare runs unchanged")
    .argument('<model>', 'model file (YAML)')
    .argument('[scenarios...]', 'scenario files (YAML)')
    .requiredOption('-o, --out <file>', 'the HTML file to write, e.g. planner.html')
    .option('-y, --years <n>', "horizon in years, 1 to 100 (default: the model's time.horizon_years)")
    .option('-q, --quiet', 'print nothing on stderr')
    .addHelpText('after', '\nExample:\n  carecast planner models/example.yaml scenarios/early-help.yaml scenarios/edge-of-care.yaml --out out/planner.html')
    .action(async (model: string, scenarios: string[], opts: PlannerOptions) => {
      code = await (await import('./planner.js')).plannerCommand(model, scenarios, opts, io, VERSION);
    });

  program
    .command('calibrate')
    .summary("fit a council's rates to its published DfE figures; write a model")
    .description("fit a council's monthly rates to its published stocks and flows (DfE), report the fit, and write a model file")
    .requiredOption('--series <file>', 'published series CSV (la_code, year, population_0_17, cin, cpp, cla, flows)')
    .requiredOption('--la <code>', 'the council, by la_code (e.g. E10000013)')
    .requiredOption('--from <year>', 'first year of the window, e.g. 2016: its stocks at 31 March start the fit')
    .requiredOption('--to <year>', 'last year (ending 31 March) fitted, e.g. 2022; the model written starts then')
    .option('-o, --out <file>', 'write the calibrated model (YAML) and, beside it, <name>-population.csv')
    .option('-f, --format <format>', `output on stdout: ${CALIBRATE_FORMATS.join(', ')}`, 'table')
    .option('--trend <trend>', "damped: the hazard of leaving care follows England's trend to --to, damped by 0.7 a year (written as transitions.by_year); none: constant rates", 'damped')
    .option('--intervals', "fit year shocks (uncertainty.year_shocks) so run --draws gives the backtest's 80% intervals for this council at 1-3 years; runs the backtest of every council in --series (about a minute)")
    .option('-q, --quiet', 'with --out, print nothing on stdout')
    .addHelpText('after', '\nExample:\n  carecast calibrate --series data/published/la_timeseries_2013_2022.csv --la E10000013 --from 2016 --to 2022 --out out/gloucestershire.yaml')
    .action(async (opts: CalibrateOptions) => {
      code = await (await import('./calibrate.js')).calibrateCommand(opts, io);
    });

  program
    .command('backtest')
    .summary('score calibrated forecasts against what happened and naive forecasts')
    .description('calibrate each council on years up to an origin, forecast, and score against what happened and against naive forecasts')
    .requiredOption('--series <file>', 'published series CSV')
    .requiredOption('--origin <year>', 'origin year (forecasts start from its 31 March stocks), or a range such as 2017..2019')
    .option('--horizon <years>', 'years ahead, 1 to 10', '3')
    .option('--la <codes...>', 'only these councils (la_code, separated by spaces)')
    .option('--draws <n>', 'draws of the calibrated rates, for 50% and 80% intervals where no earlier errors calibrate them (1 to 100,000)')
    .option('--seed <s>', `seed of the draws (default 1): ${SEED_HELP}`)
    .option('--window <years>', 'years of calibration before each origin, 1 to 9 (default 2)')
    .option('--trend <trend>', "damped (default): the hazard of leaving care follows England's trend, damped; none: constant rates")
    .option('-o, --out <dir>', 'write summary.md, summary.csv, forecasts.csv (one row per council, origin, year, series), councils.csv (errors per council), origins.csv (scores per origin) and components.csv (each method\'s forecast) to this folder')
    .option('-q, --quiet', 'with --out, print nothing on stdout')
    .addHelpText('after', '\nExample:\n  carecast backtest --series data/published/la_timeseries_2013_2022.csv --origin 2017..2019 --horizon 3 --out out/backtest')
    .action(async (opts: BacktestCliOptions) => {
      code = await (await import('./calibrate.js')).backtestCommand(opts, io);
    });

  program
    .command('backtest-ehcp')
    .summary("score EHCP forecasts on DfE's published series against the last value and a linear trend")
    .description("forecast every council's education, health and care plans from each origin (a January census) by the cohort model's stock and flow, and score against what was published and against the last value and a linear trend")
    .requiredOption('--series <file>', 'EHCP series CSV (dfe_la_number, year, ehcps, new_plans_year_before)')
    .requiredOption('--origin <year>', 'origin January census, or a range such as 2022..2024')
    .option('--horizon <years>', 'years ahead, 1 to 10', '3')
    .option('--window <years>', `years of history each method fits on, 1 to 9 (default 3)`)
    .option('-o, --out <dir>', 'write summary.md and forecasts.csv to this folder')
    .option('-q, --quiet', 'with --out, print nothing on stdout')
    .addHelpText('after', '\nExample:\n  carecast backtest-ehcp --series data/published/ehcp_totals_by_la_2010_2025.csv --origin 2022..2024 --horizon 3')
    .action(async (opts: BacktestEhcpOptions) => {
      code = await (await import('./backtest-ehcp.js')).backtestEhcpCommand(opts, io);
    });

  program
    .command('forecast')
    .summary('forecasts from the latest published year, by the backtested method, with intervals')
    .description("forecast CIN, plans and children looked after from the latest year of a published series, for one council or all (and England as their sum), by the method the backtest chooses, with intervals calibrated on the backtest's errors")
    .requiredOption('--series <file>', 'published series CSV')
    .requiredOption('--la <code>', "a council's la_code, or all")
    .option('--horizon <years>', 'years ahead, 1 to 10', '5')
    .option('-f, --format <format>', `output on stdout: ${FORECAST_FORMATS.join(', ')}`, 'table')
    .option('-o, --out <dir>', 'also write forecast.csv (tidy) and forecast.md to this folder')
    .option('-q, --quiet', 'with --out, print nothing on stdout')
    .addHelpText('after', '\nExamples:\n  carecast forecast --series data/published/la_timeseries_2013_2022.csv --la E10000013 --horizon 5\n  carecast forecast --series data/published/la_timeseries_2013_2022.csv --la all --horizon 10 --out out/forecast')
    .action(async (opts: ForecastOptions) => {
      code = await (await import('./forecast.js')).forecastCommand(opts, io);
    });

  program
    .command('fit')
    .summary('count moves between states in council records; write a model')
    .description('count transitions between states from council records (SSDA903, CIN census, early help) and write a model file with the counts')
    .option('--ssda903 <dir>', 'folder of SSDA903 returns: year folders with episodes.csv and header.csv')
    .option('--cin <file>', 'CIN census as a flat CSV (one row per child per referral)')
    .option('--early-help <file>', 'episodes CSV: child_id, date_of_birth, state, start_date, end_date')
    .option('--population <file>', 'ONS-style population projection CSV (age, mid_year, population): entries become rates per child (without it, counts per year)')
    .option('--area <code>', 'la_code to use when the population file holds several areas')
    .requiredOption('--from <date>', 'first day of the window (YYYY-MM-DD, first of a month)')
    .requiredOption('--to <date>', 'last day of the window (YYYY-MM-DD)')
    .option('--step <unit>', 'step of the model: month or quarter', 'month')
    .option('--ages <bands>', 'age bands covering 0-17 in order, separated by commas', '0-4,5-9,10-15,16-17')
    .option('-o, --out <file>', 'write the fitted model (YAML); it names --population by a path relative to itself')
    .option('--report <file>', 'with --out, also write the fitted rows with counts as CSV')
    .option('--placements', "split care into the example council's placement states (in-house foster, IFA, council and external residential, supported, with parents, adoption, other), from PLACE and PLACE_PROVIDER")
    .option('--durations <state=months...>', 'fit duration bands of a state: band ends in months, e.g. cic=6,12,24,60 cpp=3,12,24 (exact bands, rates per band from the stays the records show)')
    .option('--history <state=states...>', 'fit a history flag: the flagged state, the states carrying its memory and optionally months it lasts, e.g. cpp=cin cin=universal@12 (first and repeat starts, and the moves of children with the flag)')
    .option('-q, --quiet', 'with --out, print nothing on stdout')
    .addHelpText('after', '\nExample:\n  carecast fit --ssda903 data/ssda903-sample --from 2017-04-01 --to 2021-03-31 --out out/fitted.yaml')
    .action(async (opts: FitOptions) => {
      code = await (await import('./fit.js')).fitCommand(opts, io);
    });

  program
    .command('synth')
    .summary('simulate council records from a model: data with a known truth')
    .description('simulate children through a model and write SSDA903, CIN census and early-help files (and their population): data with a known truth')
    .requiredOption('--model <file>', 'a monthly model with states among universal, early_help, cin, cpp, cic')
    .requiredOption('--children <n>', 'children to simulate, 1 to 5,000,000')
    .option('--years <n>', 'years to simulate, 1 to 30', '3')
    .option('--seed <s>', `seed of the simulation: ${SEED_HELP}`, '1')
    .requiredOption('-o, --out <dir>', 'folder to write 903/<year>/episodes.csv, header.csv, cin.csv, early-help.csv, population.csv')
    .option('-q, --quiet', 'print nothing on stderr')
    .addHelpText('after', '\nExample:\n  carecast synth --model test/estimate/fixtures/truth.yaml --children 20000 --years 3 --seed 7 --out out/synth')
    .action(async (opts: SynthOptions) => {
      code = await (await import('./synth.js')).synthCommand(opts, io);
    });

  program
    .command('validate')
    .summary('check a model and scenarios without running them')
    .description('check a model and scenarios (and every CSV they name) as a run would, without running a projection: "valid", or every problem')
    .argument('<model>', 'model file (YAML)')
    .argument('[scenarios...]', 'scenario files (YAML), each checked against the model')
    .addHelpText('after', '\nExample:\n  carecast validate models/example.yaml scenarios/*.yaml')
    .action(async (model: string, scenarios: string[]) => {
      code = await (await import('./validate.js')).validateCommand(model, scenarios, io);
    });

  // No arguments: the overview, as a question answered (commander would call it an error).
  if (argv.length <= 2) {
    program.outputHelp();
    return 0;
  }
  let active: string | undefined;
  program.hook('preAction', (_, command) => void (active = command.name()));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    // Usage errors point at the help of the command they came from.
    const sub = active ?? argv.slice(2).find((a) => program.commands.some((c) => c.name() === a));
    const hint = sub ? `Run \`carecast ${sub} --help\` for its arguments and options.` : USAGE_HINT;
    if (err instanceof CommanderError) {
      // Help and version exit 0; any other parse failure is a usage error (2).
      return err.exitCode === 0 ? 0 : reportError(new UsageError(usageMessage(err), hint), io);
    }
    if (err instanceof UsageError && err.hint === USAGE_HINT) return reportError(new UsageError(err.message, hint), io);
    return reportError(err, io);
  }
}
