// Derives the placement rows of models/example.yaml (run: node data/example/derive-placements.mjs).
//
// For each age band, given: the stock of children in care by placement type at 1 April 2025
// (770 by band × England shares, data/README.md), the monthly entries into care (from the
// model's own rows), where entrants are first placed (the split of group `cic`), the monthly
// exits of each placement type (assumptions below) and ageing, it finds the monthly rate at
// which children in each placement type change to another type so that the placement mix of
// each band stays as it is. With z_p = S_p m_p / (1 - σ_p) (children changing out of p, over the
// share of changes that leave p), the balance of each type, with the band's total growing at g
// so that the shares hold, is z_p = σ_p Z - R_p, where R_p = S_p (e_p + a + g) + explicit moves
// out - entries × σ_p - ageing in. The smallest Z with every z_p >= 0 gives the fewest changes
// that keep the mix; adoption placements are fed by explicit moves from foster care instead.
const bands = ['0-4', '5-9', '10-15', '16-17'];
const ageing = [1 / 60, 1 / 60, 1 / 72, 1 / 24]; // monthly share of a band ageing up (or out at 18)
const inCare = [139, 131, 292, 208];
const entries = [5.803, 6.482, 8.595, 4.833]; // a month, from the model's rows and 20 UASC a year
const types = ['in_house_foster', 'ifa', 'in_house_residential', 'external_residential', 'supported', 'placed_with_parents', 'adoption', 'other_placement'];
// England shares at 31 March 2025 by band (data/README.md, "Placements").
const shares = [
  [0.4839, 0.3097, 0.0019, 0.0299, 0, 0.0711, 0.1, 0.0035],
  [0.5273, 0.3375, 0.0044, 0.0317, 0, 0.0774, 0.0167, 0.005],
  [0.4336, 0.2775, 0.0243, 0.1654, 0, 0.0637, 0, 0.0355],
  [0.2466, 0.1579, 0.0207, 0.1497, 0.3333, 0.0362, 0, 0.0556],
];
// First placements by band (the split of `cic`): assumptions from DfE 2024 (data/README.md).
const split = [
  [0.52, 0.32, 0, 0.03, 0, 0.12, 0, 0.01],
  [0.52, 0.33, 0.005, 0.035, 0, 0.1, 0, 0.01],
  [0.36, 0.26, 0.02, 0.22, 0, 0.08, 0, 0.06],
  [0.12, 0.08, 0.005, 0.06, 0.69, 0.02, 0, 0.025],
];
// Monthly exits from care before placement type: the model's earlier single care row by band.
const exitBase = [
  { universal: 0.008, cin: 0.003, cpp: 0.0004, left_care: 0.016, moved_away: 0.0008 },
  { universal: 0.011, cin: 0.003, cpp: 0.0004, left_care: 0.007, moved_away: 0.0008 },
  { universal: 0.011, cin: 0.003, cpp: 0.0004, left_care: 0.007, moved_away: 0.0008 },
  { universal: 0.005, cin: 0.002, cpp: 0, left_care: 0.001, moved_away: 0.001 },
];
// Assumptions: return home (universal, cin, cpp) and permanence (left_care: SGO, adoption, CAO) by type.
const home = { in_house_foster: 0.9, ifa: 0.8, in_house_residential: 0.7, external_residential: 0.7, supported: 0.5, placed_with_parents: 3, adoption: 0, other_placement: 1.5 };
const permanence = { in_house_foster: 1.2, ifa: 0.8, in_house_residential: 0.2, external_residential: 0.2, supported: 0.2, placed_with_parents: 0.5, adoption: 0, other_placement: 0.5 };
const adoptionOrder = 0.1; // a month: adoption orders about 10 months after placement (assumption)

const r5 = (x) => Number(x.toPrecision(3));
const out = [];
for (let b = 0; b < bands.length; b++) {
  const S = shares[b].map((s) => s * inCare[b]);
  const N = inCare[b];
  const exits = types.map((t) => {
    if (t === 'adoption') return { left_care: adoptionOrder };
    const e = exitBase[b];
    return { universal: e.universal * home[t], cin: e.cin * home[t], cpp: e.cpp * home[t], left_care: e.left_care * permanence[t], moved_away: e.moved_away };
  });
  const exitRate = exits.map((e) => Object.values(e).reduce((a, v) => a + v, 0));
  const ageIn = b === 0 ? types.map(() => 0) : shares[b - 1].map((s) => s * inCare[b - 1] * ageing[b - 1]);
  // Foster carers' children placed for adoption, in proportion to the foster stock.
  const ad = types.indexOf('adoption');
  const fosterStock = S[0] + S[1];
  const growth = (entries[b] + ageIn.reduce((a, v) => a + v, 0) - S.reduce((a, s, p) => a + s * (exitRate[p] + ageing[b]), 0)) / N;
  const toAdoption = S[ad] > 0 ? (S[ad] * (exitRate[ad] + ageing[b] + growth) - ageIn[ad]) / fosterStock : 0;
  const R = S.map((s, p) => s * (exitRate[p] + ageing[b] + growth) + (p < 2 ? s * toAdoption : 0) - (p === ad ? fosterStock * toAdoption : 0) - entries[b] * split[b][p] - ageIn[p]);
  let Z = 0;
  R.forEach((v, p) => split[b][p] > 0 && (Z = Math.max(Z, v / split[b][p])));
  const m = S.map((s, p) => (s > 0 ? ((split[b][p] * Z - R[p]) * (1 - split[b][p])) / s : 0));
  out.push(`    - ages: [${bands[b]}]   # growth of the band's care total ${(growth * 1200).toFixed(2)}% a year at these rates`);
  out.push('      rows:');
  types.forEach((t, p) => {
    if (S[p] === 0 && split[b][p] === 0) return;
    const cells = Object.entries(exits[p]).filter(([, v]) => v > 0).map(([k, v]) => `${k}: ${r5(v)}`);
    if (m[p] > 1e-6) cells.push(`cic: ${r5(m[p])}`);
    if (p < 2 && toAdoption > 0) cells.push(`adoption: ${r5(toAdoption)}`);
    out.push(`        ${t}: { ${cells.join(', ')} }`);
  });
}
console.log(out.join('\n'));
