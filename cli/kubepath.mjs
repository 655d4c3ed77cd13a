#!/usr/bin/env node
// The `kubepath` command: runs the compiled CLI (dist/cli/main.mjs, built from cli/main.ts by
// cli/build.mjs at `npm install` / `npm run build`). When the compiled files are missing or older than
// a source file they came from (a checkout after `git pull`), they are rebuilt first (~0.2 s); when that
// is impossible the command says how to fix it. No TypeScript is transpiled at run time otherwise.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// The analysis is one pass over every object, run once: V8's optimising compiler (TurboFan, on background
// threads whose CPU time is the process's) compiled ~320 hot functions at Kubernetes' scale limits, most of
// its time spent on callees inlined into callers. Without inlining the background threads used 0.35–0.55 s
// less CPU (median of 5–6 interleaved runs on the standard benchmark file: 1.9–2.1 → 1.5 s) and the main
// thread ran no slower (within the machine's noise); bench/NOTES.md. Set before the CLI's code is
// loaded, so that no function is compiled under the default. The flag is V8's own (`node --v8-options`;
// https://v8.dev/docs/turbofan).
setFlagsFromString('--no-turbo-inlining');

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist', 'cli', 'main.mjs');
const inputs = join(root, 'dist', 'cli', 'inputs.json');

/** True when the compiled CLI is missing or a source it was built from changed (or vanished) since. */
function isStale() {
  if (!existsSync(entry) || !existsSync(inputs)) return true;
  const built = statSync(entry).mtimeMs;
  let sources;
  try {
    sources = JSON.parse(readFileSync(inputs, 'utf8'));
  } catch {
    return true;
  }
  // Without the TypeScript sources (an installed copy of the compiled files) there is nothing to compare.
  if (!existsSync(join(root, 'cli', 'main.ts'))) return false;
  for (const s of sources) {
    const st = statSync(join(root, s), { throwIfNoEntry: false });
    if (!st || st.mtimeMs > built) return true;
  }
  return false;
}

if (isStale()) {
  try {
    const { buildCli } = await import('./build.mjs');
    await buildCli();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    console.error(
      `kubepath: the compiled CLI (dist/cli/main.mjs) is missing or out of date and could not be built (${why}); run \`npm run build:cli\` in ${root}`,
    );
    process.exit(2);
  }
}
// A reader that stops early (`kubepath analyze --json | head`) closes the pipe: the rest of the output is
// dropped without a stack trace, and the exit code is still the analysis's (a --fail-on gate must not pass
// because its reader went away). Any other write error (a full disk: ENOSPC, EIO, a file size limit) means
// the output is cut short where it was meant to be kept: said in one line, exit 2 (what a failed read gives),
// never 0 and never a stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') return;
  const why = e.code === 'ENOSPC' ? 'no space left on device' : (e.code ?? e.message);
  process.stderr.write(`kubepath: cannot write the output (${why}); what was written is incomplete\n`);
  process.exit(2);
});
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
