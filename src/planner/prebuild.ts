/** Run by `npm run build` after tsc: bundles the planner page's script once, into dist/planner/. */
import { writeFileSync } from 'node:fs';
import { bundlePlanner, PREBUILT } from './bundle.js';

writeFileSync(PREBUILT, (await bundlePlanner()).code);
