/**
 * What every board chart shares: one colour per arm (the baseline always the same), labels wrapped
 * instead of cut off, and money in £ millions. A leaf module (imports nothing).
 */

/** The baseline's colour in every chart. */
export const BASELINE_COLOUR = '#3b3b3b';
/** Scenario colours, the scenario's place on the command line picking its colour in every chart. */
export const SCENARIO_COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d', '#ff9da6', '#79706e'];

/** The colour of scenario `i` (0-based, in the order the scenarios were given). */
export function scenarioColour(i: number): string {
  return SCENARIO_COLOURS[i % SCENARIO_COLOURS.length];
}

/**
 * `text` broken into lines of at most `width` characters at spaces (a longer word stays whole),
 * joined with "\n": Vega draws each line (`LINES` below), so no label is cut off.
 *
 * @example
 * wrapLabel('Edge-of-care service for adolescents', 20); // 'Edge-of-care service\nfor adolescents'
 */
export function wrapLabel(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** The Vega expression drawing a label wrapped by `wrapLabel` on several lines (axes and legends). */
export const LINES = "split(datum.label, '\\n')";

