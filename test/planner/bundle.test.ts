/**
 * The page's script: the engine bundled for the browser. model/, engine/ and scenario/ reach no
 * Node module; the only file access it carries is io/'s CSV reading and file checks (behind a
 * population variant file, which the page refuses), stubbed out.
 */
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundlePlanner } from '../../src/planner/bundle.js';

describe('the planner bundle', () => {
  it('bundles for the browser, with file access only in the file-loading edges of io/, under 1.6 MB', async () => {
    const { code, fileEdges } = await bundlePlanner();
    expect(fileEdges.map((f) => relative('.', f))).toEqual(['src/io/csv-problems.ts', 'src/io/csv.ts', 'src/io/files.ts']);
    expect(code.length).toBeLessThan(1.6 * 1024 * 1024);
    // An immediately run function, no module loader, nothing fetched.
    expect(code.startsWith('"use strict";(()=>{')).toBe(true);
    expect(code).not.toMatch(/\brequire\("node:/);
    expect(code).not.toMatch(/\bfetch\(|XMLHttpRequest|importScripts/);
  }, 60_000);
});
