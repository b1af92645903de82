/**
 * The planner page's script: `src/planner/browser.ts` and everything it imports (model/, engine/,
 * scenario/ and report/'s tables, with yaml and zod) bundled for the browser by esbuild into one
 * script for the page to inline. `npm run build` writes it once (prebuild.ts); run from source,
 * it is bundled when asked for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

/** Where `npm run build` puts the bundle: beside this module in dist/. */
export const PREBUILT = fileURLToPath(new URL('./planner.bundle.js', import.meta.url));

/**
 * The page reads no files, but modules it bundles can reach the CSV reading and file checks of
 * `io/` (a population variant read from a file, which the page refuses before projecting). In the
 * browser `node:fs` and the CSV parser are this module, whose every function says so; any other
 * Node module fails the bundle.
 */
const NO_FILES = `const none = () => { throw new Error("The planner's page reads no files"); };
export const readFileSync = none, existsSync = none, statSync = none, accessSync = none, openSync = none, readSync = none, closeSync = none, parse = none;
export const constants = {};`;

/** The bundle, and the modules that import `node:fs` or the CSV parser (the file-loading edges it carries unused). */
export interface PlannerBundle {
  code: string;
  fileEdges: string[];
}

/** The page's script: the prebuilt bundle when there is one, else bundled now. */
export async function plannerScript(): Promise<string> {
  return existsSync(PREBUILT) ? readFileSync(PREBUILT, 'utf8') : (await bundlePlanner()).code;
}

/** Bundles the browser entry beside this module (browser.ts from source, browser.js in dist/), minified. */
export async function bundlePlanner(): Promise<PlannerBundle> {
  const entry = ['browser.ts', 'browser.js'].map((f) => fileURLToPath(new URL(`./${f}`, import.meta.url))).find((f) => existsSync(f));
  if (!entry) throw new Error('the planner page entry (src/planner/browser.ts) is missing');
  const esbuild = await import('esbuild');
  const fileEdges = new Set<string>();
  const noFiles: Plugin = {
    name: 'no-files',
    setup(build) {
      build.onResolve({ filter: /^((node:)?fs|csv-parse\/sync)$/ }, (args) => {
        fileEdges.add(args.importer);
        return { path: args.path, namespace: 'no-files' };
      });
      build.onLoad({ filter: /.*/, namespace: 'no-files' }, () => ({ contents: NO_FILES, loader: 'js' }));
    },
  };
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
    plugins: [noFiles],
  });
  return { code: result.outputFiles[0].text, fileEdges: [...fileEdges].sort() };
}
