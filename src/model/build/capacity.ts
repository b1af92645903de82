/** The `capacity` section: limits on the children a state can hold, and where the rest go. */
import type { ModelFile } from '../schema.js';
import { financialYearLabel, financialYearOf, parseFinancialYear } from '../time.js';
import type { Capacity, Population } from '../types.js';
import { fmt, type IssueCollector, type Path } from './issues.js';
import type { StatesSection } from './states.js';

/**
 * Reads each capacity and orders them so a state comes before its overflow (a chain such as
 * in-house foster → IFA is applied in that order). Refuses loops, absorbing or unknown states,
 * the population's entry state, and a start with more children than places.
 */
export function buildCapacities(raw: ModelFile, c: IssueCollector, st: StatesSection, population: Population | null, initial: number[][], start: Date | null): Capacity[] {
  const out: Capacity[] = [];
  for (const [sid, spec] of Object.entries(raw.capacity ?? {})) {
    const path: Path = ['capacity', sid];
    if ([...(raw.groups ?? []), ...(raw.report?.groups ?? [])].some((g) => g.id === sid)) {
      c.add(path, `'${sid}' is a group; a capacity is on one state`, 'the state whose places are limited, e.g. in_house_foster');
      continue;
    }
    const s = st.ref(path, sid, { active: true });
    const o = st.ref([...path, 'overflow'], spec.overflow, { active: true });
    if (s < 0 || o < 0) continue;
    if (s === o) {
      c.add([...path, 'overflow'], 'a state cannot overflow into itself', 'another state, e.g. independent fostering for in-house foster care');
      continue;
    }
    if (population && population.entryState === sid) {
      c.add(path, `'${sid}' is the population's entry state, which births and migration keep in line with the projection`, 'a capacity on another state');
      continue;
    }
    const byHouseholds = spec.households !== undefined;
    if (byHouseholds === (spec.places !== undefined)) {
      c.add(path, 'give the places held at the start as places, or as households with places_per_household (one of them)', 'places: 120, or households: 80 with places_per_household: 1.5');
      continue;
    }
    if (byHouseholds && spec.places_per_household === undefined) {
      c.add([...path, 'households'], 'households need places_per_household (the children a household takes on average)', 'e.g. places_per_household: 1.6');
      continue;
    }
    if (!byHouseholds && spec.places_per_household !== undefined) {
      c.add([...path, 'places_per_household'], 'places_per_household goes with households', 'households: the number of approved households');
      continue;
    }
    let byYear: Map<number, number> | null = null;
    if (spec.places_by_year) {
      if (spec.recruitment_per_year !== undefined || spec.attrition_per_year !== undefined) {
        c.add([...path, 'places_by_year'], 'places by year replace recruitment and attrition', 'either places_by_year, or recruitment_per_year and attrition_per_year');
        continue;
      }
      byYear = new Map();
      for (const [k, v] of Object.entries(spec.places_by_year)) {
        const fy = parseFinancialYear(k);
        if (fy === null) c.add([...path, 'places_by_year', k], `'${k}' is not a financial year`, 'e.g. 2026-27');
        else byYear.set(fy, v);
      }
    }
    const placesPerUnit = byHouseholds ? spec.places_per_household! : 1;
    const units = byHouseholds ? spec.households! : spec.places!;
    const held = initial.reduce((t, row) => t + row[s], 0);
    const places = units * placesPerUnit;
    if (held > places + 1e-9) {
      c.add([...path, byHouseholds ? 'households' : 'places'], `'${sid}' holds ${fmt(held)} children at the start, more than its ${fmt(places)} places`, 'places at least the initial stock (carecast does not move children placed before the start)');
      continue;
    }
    // The first financial year's places, when given by year, hold the children placed at the start too.
    const firstYear = start ? financialYearOf(start) : null;
    const firstPlaces = firstYear !== null ? byYear?.get(firstYear) : undefined;
    if (firstPlaces !== undefined && held > firstPlaces + 1e-9) {
      c.add([...path, 'places_by_year', financialYearLabel(firstYear!).replace('/', '-')], `'${sid}' holds ${fmt(held)} children at the start, more than the ${fmt(firstPlaces)} places of its first year`, 'places at least the initial stock in the first year (carecast does not move children placed before the start)');
      continue;
    }
    out.push({
      state: sid,
      overflow: spec.overflow,
      label: spec.label ?? st.states[s].label,
      unit: byHouseholds ? 'households' : 'places',
      initial: units,
      placesPerUnit,
      recruitmentPerYear: spec.recruitment_per_year ?? 0,
      attritionPerYear: spec.attrition_per_year ?? 0,
      placesByFinancialYear: byYear,
    });
  }
  return orderedByOverflow(out, c);
}

/** Capacities with each state before its overflow; a loop (A → B → A) is a problem. */
function orderedByOverflow(caps: Capacity[], c: IssueCollector): Capacity[] {
  const next = new Map(caps.map((x) => [x.state, x.overflow]));
  for (const x of caps) {
    const chain = [x.state];
    for (let at = x.overflow; next.has(at); at = next.get(at)!) {
      if (chain.includes(at)) {
        c.add(['capacity', x.state, 'overflow'], `the overflow chain loops: ${[...chain, at].join(' → ')}`, 'a chain that ends in a state without a capacity');
        return [];
      }
      chain.push(at);
    }
  }
  // Depth from the end of the chain: the deepest first, so a state comes before its overflow.
  const depth = (id: string): number => (next.has(id) ? 1 + depth(next.get(id)!) : 0);
  return [...caps].sort((a, b) => depth(b.state) - depth(a.state));
}
