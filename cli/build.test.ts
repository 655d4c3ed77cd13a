// The compiled CLI: cli/build.mjs output, and cli/kubepath.mjs rebuilding it when stale or saying why it
// cannot. Each test works on a copy of the CLI in a temporary directory (lib/ copied, node_modules/ linked),
// so it never races other tests that run the real `kubepath` from this checkout.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
const dirs: string[] = [];

/** A checkout-like directory: copies of cli/, lib/ and package.json, node_modules/ linked. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubepath-cli-'));
  dirs.push(dir);
  cpSync(join(repo, 'cli'), join(dir, 'cli'), { recursive: true });
  cpSync(join(repo, 'package.json'), join(dir, 'package.json'));
  cpSync(join(repo, 'lib'), join(dir, 'lib'), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const run = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(dir, 'cli', 'kubepath.mjs'), ...args], { encoding: 'utf8' });

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// Each test runs esbuild in child processes: seconds on a loaded machine, so the default 5 s is too short
// (these tests check what is built, not how fast).
describe('compiled CLI', { timeout: 30_000 }, () => {
  it('build:cli writes plain JavaScript with the list of its TypeScript sources', () => {
    const dir = checkout();
    const r = spawnSync(process.execPath, [join(dir, 'cli', 'build.mjs')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const main = readFileSync(join(dir, 'dist', 'cli', 'main.mjs'), 'utf8');
    expect(main).not.toMatch(/from "tsx|\.ts"/);
    const inputs: string[] = JSON.parse(readFileSync(join(dir, 'dist', 'cli', 'inputs.json'), 'utf8'));
    expect(inputs).toContain('cli/main.ts');
    expect(inputs).toContain('lib/engine/analyze.ts');
    expect(inputs.some((p) => p.includes('node_modules'))).toBe(false);
  });

  it('start-up loads no engine or model code: --version and --help import only what argument parsing needs', () => {
    const dir = checkout();
    expect(spawnSync(process.execPath, [join(dir, 'cli', 'build.mjs')], { encoding: 'utf8' }).status).toBe(0);
    // The static import graph of main.mjs (dynamic import() chunks load only when a command needs them).
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(dir, 'dist', 'cli', file), 'utf8');
      for (const m of text.matchAll(/^(?:import|export)[^;]*?from "\.\/([^"]+)"/gm)) visit(m[1]);
    };
    visit('main.mjs');
    const sources = [...seen].flatMap((f) =>
      [...readFileSync(join(dir, 'dist', 'cli', f), 'utf8').matchAll(/^\/\/ ((?:lib|cli)\/\S+\.ts)$/gm)].map(
        (m) => m[1],
      ),
    );
    expect(sources).toContain('cli/args.ts');
    expect(sources.filter((s) => /^lib\/(model|engine\/(?!source-input|frontdoor\/target))/.test(s))).toEqual([]);
  });

  it('kubepath builds the compiled CLI when it is missing, then runs it', () => {
    const dir = checkout();
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    const r = run(dir, '--version');
    expect(r.stdout.trim()).toBe('kubepath 0.1.0');
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, 'dist', 'cli', 'main.mjs'))).toBe(true);
  });

  it('kubepath rebuilds when a source is newer than the compiled files, and not otherwise', () => {
    const dir = checkout();
    expect(run(dir, 'help').status).toBe(0);
    const entry = join(dir, 'dist', 'cli', 'main.mjs');
    const fresh = statSync(entry).mtimeMs;
    expect(run(dir, 'help').status).toBe(0);
    expect(statSync(entry).mtimeMs).toBe(fresh); // up to date: not rebuilt
    const old = new Date(Date.now() - 3600_000);
    utimesSync(entry, old, old); // now older than every source
    expect(run(dir, 'help').status).toBe(0);
    expect(statSync(entry).mtimeMs).toBeGreaterThan(old.getTime() + 1000);
  });

  it('says in one line how to fix it when the compiled CLI is missing and cannot be built', () => {
    const dir = checkout();
    writeFileSync(
      join(dir, 'cli', 'build.mjs'),
      "export async function buildCli() { throw new Error('esbuild is not installed'); }\n",
    );
    const r = run(dir, '--version');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('esbuild is not installed');
    expect(r.stderr).toContain('npm run build:cli');
  });
});
