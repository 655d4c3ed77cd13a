#!/usr/bin/env node
// Runs kubepath the way its container image does, without building the image (these machines have no
// container engine): reads the Dockerfile's final stage, assembles its /app from this checkout's build
// output exactly as the stage's COPY lines do, makes it read-only (the chart's readOnlyRootFilesystem),
// keeps only the chart's scratch mounts writable, and starts the stage's ENTRYPOINT + CMD in its WORKDIR
// with its ENV — as its USER when this runs as root. The test may override only the listen address and
// port and pass KUBEPATH_* settings (what the chart sets).
// Usage: node e2e/sso/support/image-server.mjs --port N [--host 127.0.0.1]   (needs `next build` first)
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { finalStage } from './dockerfile.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { values: args } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } } });
if (!args.port) {
  console.error('image-server: --port is required');
  process.exit(2);
}

const stage = finalStage(readFileSync(join(root, 'Dockerfile'), 'utf8'));
// The chart's emptyDir mounts (deploy/helm/kubepath/templates/deployment.yaml): the only writable paths.
const SCRATCH = ['/app/.next/cache'];

const image = mkdtempSync(join(tmpdir(), 'kubepath-image-'));
const rootfs = (p) => join(image, p);
/** A build-stage path (/src/… in the Dockerfile) in this checkout. */
const fromBuild = (p) => join(root, posix.relative(stage.buildWorkdir, p));
for (const copy of stage.copies) {
  const from = fromBuild(copy.from);
  if (!existsSync(from)) {
    console.error(`image-server: ${copy.from} (${from}) is missing: run \`npx next build\` first`);
    process.exit(2);
  }
  cpSync(from, rootfs(posix.resolve(stage.workdir, copy.to)), { recursive: true });
}
for (const dir of SCRATCH) mkdirSync(rootfs(dir), { recursive: true });
// Read-only root filesystem: nothing writable but the scratch mounts (and the system's /tmp).
execFileSync('chmod', ['-R', 'a-w,a+rX', image]);
for (const dir of SCRATCH) chmodSync(rootfs(dir), 0o1777);

// The image's command: ENTRYPOINT + CMD; its Node.js is this machine's (the same major version).
const command = [...stage.entrypoint, ...stage.cmd];
if (!/\/node$/.test(command[0])) {
  console.error(`image-server: the image's command does not start with node: ${JSON.stringify(command)}`);
  process.exit(2);
}
const [uid, gid] = stage.user.split(':').map(Number);
const env = {
  PATH: process.env.PATH,
  ...stage.env,
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('KUBEPATH_'))),
  PORT: args.port,
};
// scripts/serve.mjs derives HOSTNAME (what server.js listens on) from KUBEPATH_HOST.
if (args.host) env.KUBEPATH_HOST = args.host;
const argv = [process.execPath, ...command.slice(1)];
const asUser =
  process.getuid?.() === 0 ? ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--', ...argv] : argv;
console.log(`image-server: ${command.join(' ')} in ${stage.workdir} as ${stage.user} (rootfs ${image})`);
const child = spawn(asUser[0], asUser.slice(1), { cwd: rootfs(stage.workdir), env, stdio: 'inherit' });
const cleanup = () => {
  execFileSync('chmod', ['-R', 'u+w', image]);
  rmSync(image, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 1 : 0));
});
