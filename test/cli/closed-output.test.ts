/**
 * A reader that stops early (`carecast run … --format csv | head -1`) ends carecast quietly:
 * exit 0, nothing on stderr, no stack trace. Spawns the real process (main() on src, as
 * bin/carecast.js runs it on dist), because only a real pipe can be closed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = join(mkdtempSync(join(tmpdir(), 'carecast-pipe-')), 'carecast.mjs');
writeFileSync(entry, `import { main } from ${JSON.stringify(pathToFileURL(resolve('src/cli/main.ts')).href)};\nmain(process.argv).then((code) => { process.exitCode = code; });\n`);

/** Runs carecast with its stdout closed by the reader before it writes anything; resolves to the exit code and stderr. */
function withClosedStdout(args: string[]): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader has gone: every write to stdout fails with EPIPE
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stderr }));
  });
}

// Each case starts a process (about 2 s under tsx), so they run side by side.
describe.concurrent('a closed stdout', () => {
  const cases = [
    ['run', 'models/example.yaml', '--format', 'csv'],
    ['compare', 'models/example.yaml', 'scenarios/early-help.yaml', '--format', 'csv'],
    ['sensitivity', 'models/example.yaml', '--format', 'csv'],
  ];
  for (const args of cases) {
    it(`carecast ${args.join(' ')}: exit 0, no message`, async () => {
      const r = await withClosedStdout(args);
      expect(r.signal).toBeNull();
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }, 30_000);
  }

  it('the same through a shell pipe into head -1: the first line, exit 0, no trace', async () => {
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      // carecast's own exit status and stderr, not head's: written to a temporary folder.
      const tmp = mkdtempSync(join(tmpdir(), 'carecast-pipe-'));
      const sh = spawn('sh', ['-c', `{ "${process.execPath}" --import tsx "${entry}" run models/example.yaml --format csv 2>"${tmp}/err"; echo $? > "${tmp}/rc"; } | head -1; echo "exit $(cat "${tmp}/rc")"; cat "${tmp}/err"; rm -r "${tmp}"`], { cwd: process.cwd() });
      let stdout = '';
      sh.stdout.on('data', (d) => (stdout += d));
      sh.on('close', (code) => done({ code, stdout, stderr: '' }));
    });
    expect(r.stdout).toBe('period,period_start,period_end,state,age_band,measure,value,unit\nexit 0\n');
  }, 30_000);
});
