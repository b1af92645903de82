/**
 * Run by `npm run build` after tsc: bundles the compiled CLI (dist/cli/main.js) and the Monte
 * Carlo worker into dist/cli-bundle/, which bin/carecast.js runs. Node then reads and compiles a
 * few files instead of some 250 modules (carecast's and yaml's, zod's, commander's), which was
 * most of a command's start-up; the code is the same, so the results are. Each command is its
 * own chunk, loaded when it runs. The library (dist/index.js) is not bundled.
 */
import { build, type Plugin } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where bin/carecast.js finds the CLI (two folders down, as dist/cli/ is, for package.json). */
const CLI_BUNDLE = fileURLToPath(new URL('../cli-bundle/', import.meta.url));

/**
 * Packages left to node_modules: piscina finds its own worker file beside itself, and the rest
 * are large and loaded only by the commands that use them (so bundling them saves nothing).
 */
const EXTERNAL = ['piscina', 'exceljs', 'jszip', 'vega', 'vega-lite', 'mathjs', 'ml-levenberg-marquardt', 'esbuild'];

/** The planner page's script is found beside dist/planner/bundle.js, so that module stays where tsc put it. */
const plannerInPlace: Plugin = {
  name: 'planner-in-place',
  setup(b) {
    b.onResolve({ filter: /\/planner\/bundle\.js$/ }, () => ({ path: '../planner/bundle.js', external: true }));
  },
};

const dist = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

rmSync(CLI_BUNDLE, { recursive: true, force: true }); // no chunks left from an earlier build
await build({
  entryPoints: [dist('cli/main.js'), dist('uncertainty/worker.js')],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Entries and chunks side by side: the worker pool finds worker.js beside its own chunk.
  outdir: CLI_BUNDLE,
  entryNames: '[name]',
  external: EXTERNAL,
  // Bundled CommonJS packages (commander, cli-table3, seedrandom…) require Node's own modules.
  banner: { js: "import { createRequire as __carecastRequire } from 'node:module'; const require = __carecastRequire(import.meta.url);" },
  logLevel: 'warning',
  plugins: [plannerInPlace],
});
