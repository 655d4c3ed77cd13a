// Citations in code and docs point at something a reader of the repository can follow: the project's research
// notes as `../shared/reference/<file>.md` (relative to the repository root) or upstream sources, never a
// machine-local path or a tracker issue number of this project.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['app', 'bench', 'cli', 'components', 'deploy', 'e2e', 'lib', 'scripts', 'test', 'README.md'];
const SKIP = new Set(['node_modules', '.next', 'test-results', 'playwright-report']);
const TEXT = /\.(ts|tsx|md|sh|mjs|yaml)$/;
/** The research notes that exist (../shared/reference/*.md). */
const NOTES = new Set([
  'anchors',
  'kube-proxy-semantics',
  'netpol-semantics',
  'real-control-plane',
  'source-ip-catalog',
  'style-notes',
]);

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full, { throwIfNoEntry: false })) return [];
  if (statSync(full).isFile()) return TEXT.test(path) ? [path] : [];
  return readdirSync(full).flatMap((e) => (SKIP.has(e) ? [] : files(join(path, e))));
}

const all = SCANNED.flatMap(files).filter((f) => !f.endsWith('citations.test.ts'));

function hits(re: RegExp): string[] {
  const out: string[] = [];
  for (const f of all) {
    const lines = readFileSync(join(ROOT, f), 'utf8').split('\n');
    lines.forEach((l, i) => {
      for (const m of l.matchAll(re)) out.push(`${relative(ROOT, join(ROOT, f))}:${i + 1}: ${m[0]}`);
    });
  }
  return out;
}

describe('citations', () => {
  it('scans the source tree', () => {
    expect(all).toContain('lib/engine/rules.ts');
    expect(all).toContain('lib/engine/DATAPLANE.md');
    expect(all).toContain('scripts/controlplane/README.md');
  });

  it('never cite a path outside the repository', () => {
    expect(hits(/\/work\/(shared|main|wt)\b[^\s`'")]*/g)).toEqual([]);
  });

  it("never cite this project's issue numbers", () => {
    expect(hits(/\bissues? #?\d+\b/gi)).toEqual([]);
  });

  it('cite only research notes that exist, as ../shared/reference/<file>.md', () => {
    const cited = hits(/(?:\.\.\/)?shared\/reference\/[\w-]+(?:\.md|\.json)?/g);
    expect(cited.length).toBeGreaterThan(10);
    const bad = cited.filter((h) => {
      // The source-IP catalog also exists as JSON (the engine's trimmed copy is generated from it).
      const m = /: (\.\.\/)?shared\/reference\/([\w-]+)(\.md|\.json)?$/.exec(h)!;
      return !m[1] || !NOTES.has(m[2]) || !m[3];
    });
    expect(bad).toEqual([]);
  });
});
