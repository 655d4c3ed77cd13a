// The `kubepath` CLI as a user runs it (node cli/kubepath.mjs …), on a snapshot or live.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { AnalysisResult } from '../../../lib/engine/types';
import { REPO_ROOT } from './controlplane';

/** One CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kubepath ARGS…` from the repository (no KUBECONFIG inherited unless given). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolveRun, reject) => {
    const baseEnv = { ...process.env };
    delete baseEnv.KUBECONFIG;
    execFile(
      process.execPath,
      [join(REPO_ROOT, 'cli', 'kubepath.mjs'), ...args],
      {
        cwd: REPO_ROOT,
        env: { ...baseEnv, ...env },
        timeout: 120_000,
        maxBuffer: 256 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number')
          return reject(new Error(`kubepath ${args.join(' ')}: ${error.message}\n${stderr}`));
        resolveRun({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** `kubepath analyze … --json`, parsed; throws with stderr when it does not exit 0. */
export async function analyzeJson(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ analysis: AnalysisResult; stderr: string }> {
  const r = await runCli(['analyze', ...args, '--json'], env);
  if (r.code !== 0) throw new Error(`kubepath analyze ${args.join(' ')} exited ${r.code}:\n${r.stderr}`);
  return { analysis: JSON.parse(r.stdout) as AnalysisResult, stderr: r.stderr };
}
