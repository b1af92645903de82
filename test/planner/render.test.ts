/** The page's pieces: controls from levers, values in words, chart ticks, page paths as posix paths. */
import { posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageDirname, pageResolve, pageScenarioFiles } from '../../src/planner/files.js';
import { niceTicks } from '../../src/planner/line-chart.js';
import { leverText, scenarioControlsHtml, sliderOf } from '../../src/planner/render.js';
import type { PlannerScenario } from '../../src/planner/state.js';
import { findLever, leversOf } from '../../src/scenario/levers.js';
import { loadScenario } from '../../src/scenario/load.js';

const early = loadScenario('scenarios/early-help.yaml');
const edge = loadScenario('scenarios/edge-of-care.yaml');
const lever = (s: typeof early, name: string) => findLever(s, name)!;

describe('sliders and values in words', () => {
  it('a factor: a hundredth a step over its default range, rounded (no 0.6000000000000001)', () => {
    // levers.ts: relative risk 0.8 ranges from 1 - 2 × 0.2 = 0.6 (no effect at 1).
    expect(sliderOf(lever(early, 'fewer_step_ups'))).toEqual({ min: 0.6, max: 1, step: 0.01, decimals: 2 });
    expect(leverText(lever(early, 'fewer_step_ups'), 0.75)).toBe('relative risk 0.75');
    expect(leverText(lever(early, 'reach'), 1.3)).toBe('× 1.30');
  });

  it('money: a round step of about a hundredth of the range; a share in per cent; months; a value set beyond the range widens it', () => {
    // £900,000 a year: range 0 to £2.7m, a step of £10,000.
    expect(sliderOf(lever(early, 'early_help_team.fixed_per_year'))).toEqual({ min: 0, max: 2_700_000, step: 10_000, decimals: 0 });
    expect(leverText(lever(early, 'early_help_team.fixed_per_year'), 1_250_000)).toBe('£1,250,000 a year');
    expect(leverText(lever(edge, 'edge_of_care_team.per_child'), 5000)).toBe('£5,000');
    expect(leverText(lever(edge, 'edge_of_care_team.share'), 0.65)).toBe('65%');
    expect(leverText(lever(early, 'timing.phase_in_months'), 1)).toBe('1 month');
    expect(sliderOf(lever(early, 'fewer_step_ups'), 1.4).max).toBe(1.4);
  });

  it('every lever gets a labelled control with its unit, stated value and range; a scenario that cannot be projected gets disabled ones and the reason', () => {
    const ps: PlannerScenario = { scenario: edge, levers: leversOf(edge), values: Object.fromEntries(leversOf(edge).map((l) => [l.name, l.stated])), unavailable: null, error: null, projection: null };
    const html = scenarioControlsHtml(ps, 1);
    expect(html.match(/<label for="s1-l\d+">/g)).toHaveLength(ps.levers.length);
    expect(html).toContain('<input type="date" id="s1-l0" value="2025-10-01"');
    expect(html).toContain('<span class="hint" id="s1-l2-hint">a factor (1 is no change); stated relative risk 0.75; range relative risk 0.50 to relative risk 1.00</span>');
    expect(html).toContain('download="edge-of-care.yaml"');
    expect(html).not.toContain('disabled');
    const off = scenarioControlsHtml({ ...ps, unavailable: 'its population variant is read from a file (x.csv), which this page cannot read' }, 1);
    expect(off.match(/ disabled/g)).toHaveLength(ps.levers.filter((l) => l.unit !== 'date').length * 2 + ps.levers.filter((l) => l.unit === 'date').length);
    expect(off).toContain('<strong>Not projected in this page:</strong> its population variant is read from a file (x.csv), which this page cannot read. Its controls are unavailable.');
    expect(off).not.toContain('Save as YAML');
  });
});

describe('chart ticks', () => {
  it('round steps of 1, 2 or 5 times a power of ten covering the data', () => {
    expect(niceTicks(0, 87)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(760, 848)).toEqual([760, 780, 800, 820, 840, 860]);
    expect(niceTicks(-0.3, 17.7)).toEqual([-5, 0, 5, 10, 15, 20]);
  });
});

describe('page paths', () => {
  it('resolve as posix paths from /, and .. stops at the top', () => {
    const seg = fc.constantFrom('a', 'b', 'x.yaml', '.', '..', '');
    const path = fc.array(seg, { maxLength: 6 }).map((s) => s.join('/'));
    fc.assert(fc.property(fc.array(path, { minLength: 1, maxLength: 3 }), (ps) => pageResolve(...ps) === posix.resolve('/', ...ps)));
    expect(pageDirname('/variants/later.yaml')).toBe('/variants');
    expect(pageDirname('/early-help.yaml')).toBe('/');
  });

  it('a file the page does not carry is missing, naming those it does', () => {
    const files = pageScenarioFiles({ '/early-help.yaml': 'text' });
    expect(files.read('/early-help.yaml')).toEqual({ text: 'text' });
    expect(files.read('/other.yaml')).toEqual({ problem: 'no such file in this page: /other.yaml (the page holds the scenario files it was made with: /early-help.yaml)' });
  });
});
