/** The `time` section: the start date, checked against the step. */
import type { ModelFile } from '../schema.js';
import { MONTHS_PER_STEP, parseIsoDate } from '../time.js';
import type { IssueCollector } from './issues.js';

/** The start date, or null when it is not a date (problems are collected; a misplaced start is still returned so later sections are checked). */
export function buildTime(raw: ModelFile, c: IssueCollector): Date | null {
  const start = parseIsoDate(raw.time.start);
  if (!start) {
    c.add(['time', 'start'], `'${raw.time.start}' is not a date`, 'YYYY-MM-DD, e.g. 2025-04-01');
    return null;
  }
  if (start.getUTCDate() !== 1) {
    c.add(['time', 'start'], 'the start must be the first day of a month', 'e.g. 2025-04-01');
    return start;
  }
  const step = raw.time.step;
  if (step !== 'month' && (start.getUTCMonth() - 3 + 12) % MONTHS_PER_STEP[step] !== 0) {
    c.add(
      ['time', 'start'],
      `a ${step}ly model must start at the start of a financial ${step === 'year' ? 'year' : 'quarter'} so steps do not straddle financial years`,
      step === 'year' ? '1 April' : '1 April, 1 July, 1 October or 1 January',
    );
  }
  return start;
}
