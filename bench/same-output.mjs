// Guards speed work: `node bench/same-output.mjs record DIR` stores what `kubepath analyze -f FILE` and
// `analyze -f FILE --json --pretty` print (stdout, stderr, exit code) for the demo clusters, the front-door
// stories and every generated bench/out/*-10.json (`KUBEPATH_SAME_OUTPUT_FILES` — comma-separated — replaces that
// list); `node bench/same-output.mjs check DIR` runs them again and fails on any byte of difference,
// naming the first differing line (--pretty: the one-line JSON a file gets would have one line to name; it
// is the same JSON.stringify of the same analysis, cli/json-stream.test.ts). Run `node cli/build.mjs` first (the compiled CLI is what runs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.mjs');

function inputs() {
  if (process.env.KUBEPATH_SAME_OUTPUT_FILES) return process.env.KUBEPATH_SAME_OUTPUT_FILES.split(',');
  const stories = join(ROOT, 'lib', 'demo', 'stories');
  const bench = join(ROOT, 'bench', 'out');
  return [
    join(ROOT, 'lib', 'demo', 'demo-cluster.json'),
    join(ROOT, 'lib', 'demo', 'demo-cilium-cluster.json'),
    ...readdirSync(stories)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(stories, f)),
    ...(existsSync(bench)
      ? readdirSync(bench)
          .filter((f) => f.endsWith('-10.json'))
          .sort()
      : []
    ).map((f) => join(bench, f)),
  ];
}

/** stdout, stderr and exit code of one run of the compiled CLI. */
function run(args) {
  const script = `const { main } = await import(${JSON.stringify(new URL(`file://${CLI}`).href)}); process.exitCode = await main(process.argv.slice(1));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], {
    cwd: ROOT,
    maxBuffer: 1 << 30,
  });
  return Buffer.concat([
    Buffer.from(`exit ${r.status}\n--- stderr\n`),
    r.stderr,
    Buffer.from('--- stdout\n'),
    r.stdout,
  ]);
}

function firstDifference(a, b) {
  const la = a.toString('utf8').split('\n');
  const lb = b.toString('utf8').split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++)
    if (la[i] !== lb[i])
      return `line ${i + 1}:\n    before: ${la[i]?.slice(0, 200)}\n    after:  ${lb[i]?.slice(0, 200)}`;
  return 'same lines, different bytes';
}

const [mode, dir] = process.argv.slice(2);
if ((mode !== 'record' && mode !== 'check') || !dir) {
  console.error('usage: node bench/same-output.mjs record|check DIR');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
let failed = 0;
let compared = 0;
for (const file of inputs()) {
  for (const [label, extra] of [
    ['text', []],
    ['json', ['--json', '--pretty']],
  ]) {
    const out = run(['analyze', '-f', file, ...extra]);
    const stored = join(dir, `${basename(file)}.${label}`);
    if (mode === 'record') {
      writeFileSync(stored, out);
      console.log(`recorded ${basename(file)} ${label}: ${out.length} bytes`);
      continue;
    }
    compared++;
    const before = readFileSync(stored);
    if (before.equals(out)) console.log(`same ${basename(file)} ${label}: ${out.length} bytes`);
    else {
      failed++;
      console.log(`DIFFERENT ${basename(file)} ${label}: ${firstDifference(before, out)}`);
    }
  }
}
if (mode === 'check') {
  console.log(failed ? `${failed} of ${compared} outputs differ` : `all ${compared} outputs identical`);
  process.exitCode = failed ? 1 : 0;
}
