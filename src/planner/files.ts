/**
 * Scenario files carried inside the planner's page: their texts by path in a folder of their own
 * (`/early-help.yaml`, `/variants/later.yaml`), so `extends` resolves in the browser as on disk.
 */
import type { ScenarioFiles } from '../scenario/parse.js';

/** The folder of a page path (`/a/b.yaml` → `/a`). */
export function pageDirname(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** Page paths joined and normalised from `/`, as node:path's posix resolve (`..` stops at the top). */
export function pageResolve(...paths: string[]): string {
  const parts: string[] = [];
  for (const p of paths) {
    if (p.startsWith('/')) parts.length = 0;
    for (const seg of p.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') parts.pop();
      else parts.push(seg);
    }
  }
  return '/' + parts.join('/');
}

/**
 * The files of a page as `ScenarioFiles`: a file not carried is missing, with the reason that
 * the page holds only the files it was made with.
 */
export function pageScenarioFiles(texts: Readonly<Record<string, string>>): ScenarioFiles {
  return {
    dirname: pageDirname,
    resolve: pageResolve,
    read(file) {
      const text = texts[file];
      return text === undefined ? { problem: `no such file in this page: ${file} (the page holds the scenario files it was made with: ${Object.keys(texts).join(', ')})` } : { text };
    },
  };
}
