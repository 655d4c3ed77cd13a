// Compiles the TypeScript CLI (cli/main.ts and what it imports from lib/) into plain JavaScript under
// dist/cli/, so `kubepath` starts without transpiling anything at run time. Run by `npm run build:cli`,
// by `npm install` (the `prepare` script) and by cli/kubepath.mjs when the output is missing or older
// than its sources. Packages from node_modules stay external (imported as they are).
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in cli/). */
export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/** Where the compiled CLI goes (git-ignored). */
export const OUT_DIR = join(ROOT, 'dist', 'cli');
/** The compiled entry point. */
export const ENTRY = join(OUT_DIR, 'main.mjs');
/** The list of source files the build read (repository-relative), for the staleness check. */
export const INPUTS = join(OUT_DIR, 'inputs.json');

/** esbuild, from the project (it is tsx's dependency) or tsx's own copy; null when neither is installed. */
async function loadEsbuild() {
  const require = createRequire(join(ROOT, 'package.json'));
  for (const from of [ROOT, dirname(require.resolve('tsx/package.json'))]) {
    try {
      const path = createRequire(join(from, 'package.json')).resolve('esbuild');
      return await import(path);
    } catch {
      // try the next place
    }
  }
  return null;
}

/** Packages compiled into dist/cli/ instead of imported from node_modules at run time. */
const BUNDLED_PACKAGES = new Set(['zod', 'yaml']);

/** An esbuild plugin: every bare import (a package) is external, except those in `bundled`. */
function externalPackagesExcept(bundled) {
  return {
    name: 'external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:')) return { path: args.path, external: true };
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return bundled.has(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/** Builds dist/cli/ atomically (a temporary directory renamed into place); throws when esbuild is missing. */
export async function buildCli() {
  const esbuild = await loadEsbuild();
  if (!esbuild) throw new Error('esbuild is not installed (it comes with tsx): run `npm install`');
  const tmp = join(ROOT, 'dist', `.cli-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  try {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: { main: 'cli/main.ts' },
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true, // the live-cluster modules stay lazily loaded chunks
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Packages stay external (imported from node_modules as they are), except the two every `analyze` loads:
      // zod (the object schemas) and yaml (the snapshot parser) are bundled, tree-shaken to what the CLI uses,
      // which saves the ESM loader's per-file work on their dozens of modules (20–30 ms of CPU time per run;
      // bench/NOTES.md). yaml's CommonJS build calls require(), which the banner provides.
      plugins: [externalPackagesExcept(BUNDLED_PACKAGES)],
      banner: {
        js: "import { createRequire as __kubepathRequire } from 'node:module';\nconst require = __kubepathRequire(import.meta.url);",
      },
      sourcemap: true,
      metafile: true,
      logLevel: 'warning',
      legalComments: 'none',
    });
    const inputs = Object.keys(result.metafile.inputs)
      .filter((p) => !p.includes('node_modules'))
      .map((p) => relative(ROOT, join(ROOT, p)));
    writeFileSync(join(tmp, 'inputs.json'), JSON.stringify(inputs.sort()));
    rmSync(OUT_DIR, { recursive: true, force: true });
    renameSync(tmp, OUT_DIR);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildCli();
    console.log(`kubepath CLI compiled to ${relative(ROOT, ENTRY)}`);
  } catch (e) {
    console.error(`kubepath: could not compile the CLI: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
