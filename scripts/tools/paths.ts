// Where scripts/tools/build.sh puts the pinned Go tools (the same rule as its HELM_BIN/OAUTH2_PROXY_BIN):
// ${KUBEPATH_CACHE:-~/.cache/kubepath}/tools/<name>-<version>/<name>, versions from versions.env
// (KUBEPATH_HELM_VERSION / KUBEPATH_OAUTH2_PROXY_VERSION override). KUBEPATH_HELM / KUBEPATH_OAUTH2_PROXY
// name a binary directly.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A tool build.sh builds. */
export type Tool = 'helm' | 'oauth2-proxy';

const VERSION_KEY: Record<Tool, string> = { helm: 'HELM_VERSION', 'oauth2-proxy': 'OAUTH2_PROXY_VERSION' };
const PATH_OVERRIDE: Record<Tool, string> = { helm: 'KUBEPATH_HELM', 'oauth2-proxy': 'KUBEPATH_OAUTH2_PROXY' };

/** The pinned version of a tool (versions.env, or its KUBEPATH_* override). */
export function toolVersion(tool: Tool, env: NodeJS.ProcessEnv = process.env): string {
  const key = VERSION_KEY[tool];
  const override = env[`KUBEPATH_${key}`];
  if (override) return override;
  const file = join(dirname(fileURLToPath(import.meta.url)), 'versions.env');
  const m = new RegExp(`^${key}=(\\S+)$`, 'm').exec(readFileSync(file, 'utf8'));
  if (!m) throw new Error(`${key} is not set in ${file}`);
  return m[1];
}

/** The path of a tool's binary; throws, saying how to build it, when it is missing. */
export function toolPath(tool: Tool, env: NodeJS.ProcessEnv = process.env): string {
  const path =
    env[PATH_OVERRIDE[tool]] ||
    join(
      env.KUBEPATH_CACHE || join(homedir(), '.cache', 'kubepath'),
      'tools',
      `${tool}-${toolVersion(tool, env)}`,
      tool,
    );
  if (!existsSync(path)) throw new Error(`${tool} is not built (${path}): run scripts/tools/build.sh`);
  return path;
}
