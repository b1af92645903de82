/** Reading DfE's EHCP series (src/io/ehcp-series.ts): the bundled file, and bad rows located. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputParseError } from '../../src/errors.js';
import { readEhcpSeries } from '../../src/io/ehcp-series.js';

describe('readEhcpSeries', () => {
  it("reads Buckinghamshire's published plans and new plans (DfE SEN2)", () => {
    const bucks = readEhcpSeries('data/published/ehcp_totals_by_la_2010_2025.csv').get('825')!;
    expect(bucks.name).toBe('Buckinghamshire');
    // SEN2 2025 release: 7,217 plans in January 2025; 779 new plans in calendar 2024.
    expect(bucks.years.get(2025)).toEqual({ plans: 7217, newPlans: 779 });
    expect(bucks.years.get(2019)?.plans).toBe(4054);
  });

  it('refuses a bad count and a repeated year, naming the line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-ehcp-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'dfe_la_number,la_name,year,ehcps,new_plans_year_before\n825,B,2024,6697,957\n825,B,2025,lots,779\n825,B,2024,1,1\n');
    let err: unknown;
    try {
      readEhcpSeries(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputParseError);
    const issues = (err as InputParseError).issues;
    expect(issues.map((i) => [i.location.line, i.path])).toEqual([[3, 'ehcps'], [4, 'year']]);
    expect(issues[0].message).toBe("'lots' is not a count");
  });
});
