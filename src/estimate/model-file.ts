/** Writes a fitted model as a model file the core can run, with its counts kept for uncertainty. */
import { PLACEMENT_TYPES } from './count.js';
import type { FittedModel } from './fit.js';
import { durationsYaml, type FittedDurations } from './durations.js';
import { historyYaml, type FittedHistory } from './history.js';

/** Labels of the states `fit` writes (the example council's placement states among them). */
export const FITTED_LABELS: Record<string, string> = {
  universal: 'Universal', early_help: 'Early help', cin: 'Child in need', cpp: 'Child protection plan', cic: 'Child in care',
  // The example council's placement states (models/example.yaml), so a council's returns give its placement model.
  in_house_foster: 'Care: in-house foster (incl. family and friends)', ifa: 'Care: agency foster (IFA)', in_house_residential: "Care: council children's home",
  external_residential: 'Care: external residential (private, voluntary, secure)', supported: 'Care: supported or independent living', placed_with_parents: 'Care: placed with parents',
  adoption: 'Care: placed for adoption', other_placement: 'Care: other placement',
};

/**
 * The model file text. `population` is the projection file's path relative to the model (or
 * null: entries are then direct entries and leaving services is an exit).
 */
export function fittedModelYaml(f: FittedModel, opts: { start: string; step: string; population: string | null; area?: string; source: string; horizonYears: number; durations?: FittedDurations[]; histories?: FittedHistory[] }): string {
  const hasUniversal = opts.population !== null;
  const service = f.states.filter((s) => s !== 'universal');
  const target = (s: string) => (s === 'universal' && !hasUniversal ? 'left_services' : s);
  // Labels with a colon are quoted in YAML.
  const labels = Object.fromEntries(Object.entries(FITTED_LABELS).map(([id, l]) => [id, l.includes(':') ? `"${l}"` : l]));
  // Rows of states with duration bands have a row per band: no uncertainty on them (model/durations.ts).
  const banded = new Set([...(opts.durations ?? []).map((d) => d.state), ...(opts.histories ?? []).flatMap((h) => [h.request.state, ...h.request.carriedBy])]);
  const uncertainRows = banded.size ? f.states.filter((s) => (s !== 'universal' || hasUniversal) && !banded.has(s)) : null;
  const careStates = f.states.filter((s) => (PLACEMENT_TYPES as readonly string[]).includes(s));
  const stateLines = [
    ...(hasUniversal ? ['  - { id: universal, label: Universal }'] : []),
    ...service.map((s) => `  - { id: ${s}, label: ${labels[s]} }`),
    ...(hasUniversal ? [] : ['  - { id: left_services, label: Left services, absorbing: true }']),
    '  - { id: aged_18, label: Reached 18, absorbing: true }',
  ];
  const num = (x: number) => +x.toFixed(4);
  const matrices = f.bands.map((b) => {
    const rows = f.states
      .map((from, i) => {
        if (from === 'universal' && !hasUniversal) return null;
        const cells = f.states.map((to, j) => [target(to), b.counts[i][j]] as const).filter(([, v]) => v > 0);
        const merged = new Map<string, number>();
        for (const [k, v] of cells) merged.set(k, (merged.get(k) ?? 0) + v);
        if (merged.size === 0) merged.set(from, 1);
        return `        ${from}: { ${[...merged].map(([k, v]) => `${k}: ${num(v)}`).join(', ')} }`;
      })
      .filter(Boolean);
    const note = b.pooled.length ? `   # pooled with all ages (sparse): ${b.pooled.join(', ')}` : '';
    return `    - ages: ${b.label}${note}\n      counts:\n${rows.join('\n')}`;
  });
  const initial = service.map((s) => {
    const i = f.states.indexOf(s);
    return `  ${s}: { ${f.bands.map((b, k) => `${b.label}: ${num(f.initial[k][i])}`).join(', ')} }`;
  });
  return `# Fitted by \`carecast fit\` from council records (${opts.source}).
# Rows are observed counts of moves between the first days of consecutive steps (stays included),
# so the model keeps them for uncertainty (Dirichlet on counts). Sparse rows are pooled with the
# all-ages row as marked.
carecast: 1
name: Fitted from council records
description: >
  Transition counts by age band from ${opts.source}; ${hasUniversal ? 'entries from universal are rates per child of that age, following the population projection' : 'no population was given, so entries are direct entries a year and leaving services is an exit'}.

time:
  start: ${opts.start}
  step: ${opts.step}
  horizon_years: ${opts.horizonYears}

states:
${stateLines.join('\n')}

ages:
  bands: [${f.bands.map((b) => b.label).join(', ')}]
  age_out_to: aged_18

transitions:
  per: step
  matrices:
${matrices.join('\n')}
${hasUniversal ? `
population:
  entry_state: universal
  projection:
    file: ${opts.population}${opts.area ? `\n    area: ${opts.area}` : ''}
` : ''}${f.directEntries.length ? `
direct_entries:
${f.directEntries.map((d) => `  - { state: ${d.state}, ages: ${d.band}, per_year: ${num(d.perYear)} }`).join('\n')}
` : ''}
initial:                 # the window's end${hasUniversal ? '; universal is the rest of the population' : ''}
${initial.join('\n')}

uncertainty:
  transitions:
${uncertainRows === null ? '    - { sample_size: counts }' : uncertainRows.length ? `    - { sample_size: counts, rows: [${uncertainRows.join(', ')}] }` : ''}
${durationsYaml(opts.durations ?? [], f.states, target)}${historyYaml(opts.histories ?? [], f.states, target)}${careStates.length ? `
groups:
  - { id: cic, label: Child in care (all placements), states: [${careStates.join(', ')}] }
` : ''}`;
}
