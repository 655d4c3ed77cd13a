#!/usr/bin/env node
// `npm run demo` — builds the dashboard when needed and serves it (production server) on
// http://localhost:3000. Options:
//   --cluster ID      start on this embedded demo cluster (lib/demo/clusters.json: northwind-prod, the default,
//                     northwind-edge and the front-door stories such as kong-aws); the header switches between them
//   --snapshot PATH   show snapshot file(s)/directory instead of the demo cluster (repeatable, or comma-separated)
//   --live            watch the live cluster of the current kubeconfig context ($KUBECONFIG, ~/.kube/config,
//                     else the in-cluster service account); pages update by themselves
//   --kubeconfig F    live mode with this kubeconfig (implies --live)
//   --context NAME    live mode with this context (implies --live); the page can switch to the others
//   --port N          listen on N (default: $PORT or 3000)
//   --dev             run the development server instead (hot reload, slower pages)
//   --rebuild         build even if the existing build looks current
//   --no-build        serve the existing production build as it is (fails when there is none); the
//                     test servers and `npm start` use this
// KUBEPATH_HOST sets the listen address (default 127.0.0.1 without authentication: see scripts/serve.mjs,
// which refuses a non-loopback address without KUBEPATH_AUTH unless KUBEPATH_ALLOW_UNAUTHENTICATED=true).
// `npm start` (= --no-build) reads the same variables:
//   KUBEPATH_SNAPSHOT=./cluster.yaml npm start
//   KUBEPATH_DEMO=kong-aws npm start
//   KUBEPATH_SOURCE=live [KUBEPATH_KUBECONFIG=path] [KUBEPATH_CONTEXT=name] npm start
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Everything whose change makes a production build stale.
const SOURCES = [
  'app',
  'components',
  'lib',
  'public',
  'next.config.ts',
  'package.json',
  'package-lock.json',
  'postcss.config.mjs',
  'tsconfig.json',
];

function usage(message) {
  if (message) console.error(`demo: ${message}\n`);
  console.error(
    'usage: npm run demo -- [--cluster ID | --snapshot PATH... | [--live] [--kubeconfig FILE] [--context NAME]]  [--port N] [--dev] [--rebuild | --no-build]',
  );
  process.exit(message ? 2 : 0);
}

let args;
try {
  args = parseArgs({
    options: {
      cluster: { type: 'string' },
      snapshot: { type: 'string', multiple: true },
      live: { type: 'boolean', default: false },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      port: { type: 'string' },
      dev: { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  }).values;
} catch (e) {
  usage(e.message);
}
if (args.help) usage();

const port = args.port ?? process.env.PORT ?? '3000';
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
  usage(`--port must be a number from 1 to 65535, not "${port}"`);

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1' };
const snapshots = (args.snapshot ?? [])
  .flatMap((s) => s.split(','))
  .map((s) => s.trim())
  .filter(Boolean);
const live = args.live || args.kubeconfig !== undefined || args.context !== undefined;
if (live && snapshots.length > 0)
  usage('--snapshot shows a file, --live/--kubeconfig/--context a live cluster: give one or the other');
if (args.cluster !== undefined && (live || snapshots.length > 0))
  usage('--cluster shows an embedded demo cluster, --snapshot a file, --live a live cluster: give one of them');

// The embedded demo clusters (the same list the server and the header's switcher use).
const demoClusters = JSON.parse(readFileSync(join(root, 'lib', 'demo', 'clusters.json'), 'utf8'));
const demoIds = demoClusters.map((c) => c.id);
/** Exits with the valid ids when `id` names no demo cluster. */
function checkDemoId(id, where) {
  if (!demoIds.includes(id))
    usage(
      `${where}: ${JSON.stringify(id)} is not an embedded demo cluster; the demo clusters are: ${demoIds.join(', ')}`,
    );
}
if (args.cluster !== undefined) {
  checkDemoId(args.cluster.trim(), '--cluster');
  env.KUBEPATH_SOURCE = 'demo';
  env.KUBEPATH_DEMO = args.cluster.trim();
}
if (live) {
  env.KUBEPATH_SOURCE = 'live';
  if (args.kubeconfig !== undefined) {
    const kc = resolve(process.cwd(), args.kubeconfig);
    if (!existsSync(kc)) usage(`kubeconfig not found: ${kc}`);
    env.KUBEPATH_KUBECONFIG = kc;
  }
  if (args.context !== undefined) {
    if (!args.context.trim()) usage('--context needs a name');
    env.KUBEPATH_CONTEXT = args.context.trim();
  }
}
if (snapshots.length > 0) {
  // Absolute paths: the server must find them whatever its working directory.
  const absolute = snapshots.map((p) => resolve(process.cwd(), p));
  for (const p of absolute) if (!existsSync(p)) usage(`snapshot path not found: ${p}`);
  env.KUBEPATH_SNAPSHOT = absolute.join(',');
}

// The standalone server changes into its own directory, so relative paths given through the
// environment (KUBEPATH_SNAPSHOT=./cluster.json npm start) are made absolute here.
const absolutize = (list, sep) =>
  list
    .split(sep)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => resolve(process.cwd(), p))
    .join(sep);
if (env.KUBEPATH_SNAPSHOT) env.KUBEPATH_SNAPSHOT = absolutize(env.KUBEPATH_SNAPSHOT, ',');
if (env.KUBEPATH_KUBECONFIG) env.KUBEPATH_KUBECONFIG = resolve(process.cwd(), env.KUBEPATH_KUBECONFIG);
if (env.KUBECONFIG) env.KUBECONFIG = absolutize(env.KUBECONFIG, delimiter);

/** Newest mtime (ms) of any file under the given paths. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let info;
    try {
      info = statSync(p);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const name of readdirSync(p)) if (!name.startsWith('.') && name !== 'node_modules') visit(join(p, name));
    } else newest = Math.max(newest, info.mtimeMs);
  };
  paths.forEach((p) => visit(join(root, p)));
  return newest;
}

function buildIsStale() {
  const buildId = join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return 'no build yet';
  return newestMtime(SOURCES) > statSync(buildId).mtimeMs ? 'sources changed since the last build' : null;
}

/**
 * Copies a directory into place atomically: into a private temporary directory, then renamed over the
 * target. Two servers starting at once (the e2e suite starts two) never see a half-copied directory;
 * when the other one got there first its copy is of the same build, so ours is dropped.
 */
function placeAssets(from, to) {
  const tmp = `${to}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  cpSync(from, tmp, { recursive: true });
  const old = `${to}.old-${process.pid}`;
  try {
    if (existsSync(to)) renameSync(to, old);
    renameSync(tmp, to);
  } catch {
    // Another server placed the same build's assets between our checks.
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

function run(cmd, cmdArgs, runEnv = env) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, env: runEnv, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolveRun(code ?? (signal ? 1 : 0));
    });
  });
}

const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
if (!existsSync(nextBin)) usage('dependencies are not installed: run `npm ci` first');

const showsLive = live || env.KUBEPATH_SOURCE === 'live';
const showsSnapshot = !showsLive && env.KUBEPATH_SNAPSHOT && env.KUBEPATH_SOURCE !== 'demo';
const demoId = env.KUBEPATH_DEMO?.trim() || demoIds[0];
if (!showsLive && !showsSnapshot) checkDemoId(demoId, 'KUBEPATH_DEMO');
const source = showsLive
  ? `the live cluster (context ${env.KUBEPATH_CONTEXT ?? 'from the kubeconfig'}${env.KUBEPATH_KUBECONFIG ? ` of ${env.KUBEPATH_KUBECONFIG}` : ''})`
  : showsSnapshot
    ? `snapshot ${env.KUBEPATH_SNAPSHOT}`
    : `the embedded demo cluster ${demoId} (the header switches to the others)`;
if (args.dev) {
  console.log(`kubepath (development server) on http://localhost:${port} — showing ${source}`);
  process.exit(await run(process.execPath, [nextBin, 'dev', '-p', port]));
}

if (args['no-build'] && args.rebuild) usage('--no-build and --rebuild contradict each other');
if (args['no-build'] && !existsSync(join(root, '.next', 'BUILD_ID'))) {
  console.error(
    'demo: --no-build: there is no production build; run `npx next build` (or `npm run demo`, which builds) first.',
  );
  process.exit(2);
}
const stale = args['no-build'] ? null : args.rebuild ? 'rebuild requested' : buildIsStale();
if (stale) {
  console.log(`Building the dashboard (${stale}); this takes a minute the first time…`);
  // The build never talks to a cluster: the source is chosen when the server starts.
  const buildEnv = { ...env };
  for (const k of ['KUBEPATH_SOURCE', 'KUBEPATH_KUBECONFIG', 'KUBEPATH_CONTEXT', 'KUBEPATH_SNAPSHOT', 'KUBEPATH_DEMO'])
    delete buildEnv[k];
  const code = await run(process.execPath, [nextBin, 'build'], buildEnv);
  if (code !== 0) {
    console.error('demo: the build failed; see the errors above.');
    process.exit(code);
  }
}
// The address scripts/serve.mjs listens on (127.0.0.1 without authentication), as a URL to open.
const listenHost = process.env.KUBEPATH_HOST?.trim();
const authNone = (env.KUBEPATH_AUTH?.trim() || 'none') === 'none';
const shownHost =
  listenHost && listenHost !== '0.0.0.0' && listenHost !== '::'
    ? listenHost
    : authNone && !listenHost
      ? '127.0.0.1'
      : 'localhost';
console.log(`\nkubepath is starting on http://${shownHost}:${port} — showing ${source}. Press Ctrl+C to stop.\n`);
// next.config.ts asks for `output: 'standalone'` (the container image runs it); `next start` warns
// about that, so serve the standalone server the same way the image does.
const standaloneDir = join(root, '.next', 'standalone');
if (existsSync(join(standaloneDir, 'server.js'))) {
  // The standalone server expects its static assets next to it (the image build copies them too).
  placeAssets(join(root, '.next', 'static'), join(standaloneDir, '.next', 'static'));
  if (existsSync(join(root, 'public'))) placeAssets(join(root, 'public'), join(standaloneDir, 'public'));
  env.PORT = port;
  // The server entry the image runs too: peer address, access log, body limit, listen-address check.
  process.exit(await run(process.execPath, [join(root, 'scripts', 'serve.mjs'), join(standaloneDir, 'server.js')]));
}
process.exit(await run(process.execPath, [nextBin, 'start', '-p', port]));
