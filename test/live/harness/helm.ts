// The real helm (scripts/tools/build.sh) on kubepath's chart: the value combinations the golden tests
// render (deploy/helm/testdata/<case>.values.yaml → <case>.expected.yaml) and one render command shared
// by the tests and scripts/tools/update-chart-goldens.ts, so goldens and tests cannot drift apart.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { toolPath } from '../../../scripts/tools/paths';
import { REPO_ROOT } from './controlplane';

export const CHART_DIR = join(REPO_ROOT, 'deploy', 'helm', 'kubepath');
export const CHART_TESTDATA = join(REPO_ROOT, 'deploy', 'helm', 'testdata');
/** The release every golden is rendered as. */
export const RELEASE = { name: 'kubepath', namespace: 'kubepath' };

/** The Kubernetes version the goldens are rendered for: the test control plane's (versions.env). */
export function kubeVersion(): string {
  const env = readFileSync(join(REPO_ROOT, 'scripts', 'controlplane', 'versions.env'), 'utf8');
  const m = /^K8S_VERSION=(\S+)$/m.exec(env);
  if (!m) throw new Error('K8S_VERSION missing in scripts/controlplane/versions.env');
  return m[1];
}

/** The golden cases: every deploy/helm/testdata/<case>.values.yaml. */
export function chartCases(): string[] {
  return readdirSync(CHART_TESTDATA)
    .filter((f) => f.endsWith('.values.yaml'))
    .map((f) => f.replace(/\.values\.yaml$/, ''))
    .sort();
}

export const valuesFile = (name: string) => join(CHART_TESTDATA, `${name}.values.yaml`);
export const expectedFile = (name: string) => join(CHART_TESTDATA, `${name}.expected.yaml`);

/** What a helm run printed and how it exited. */
export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs helm (never rejects on a non-zero exit); HELM_* state goes to a throwaway directory. */
export function helm(args: string[], opts: { kubeconfig?: string; timeoutMs?: number } = {}): Promise<HelmResult> {
  const scratch = join(process.env.TMPDIR || '/tmp', `kubepath-helm-${process.pid}`);
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: scratch,
    HELM_CACHE_HOME: join(scratch, 'cache'),
    HELM_CONFIG_HOME: join(scratch, 'config'),
    HELM_DATA_HOME: join(scratch, 'data'),
    ...(opts.kubeconfig ? { KUBECONFIG: opts.kubeconfig } : {}),
  };
  return new Promise((resolveRun, reject) => {
    execFile(
      toolPath('helm'),
      args,
      {
        env: env as NodeJS.ProcessEnv,
        cwd: REPO_ROOT,
        timeout: opts.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number')
          return reject(new Error(`helm ${args.join(' ')}: ${error.message}`));
        resolveRun({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** `helm template` of the chart as the goldens render it, with values files and extra flags. */
export function template(valuesFiles: string[], extra: string[] = []): Promise<HelmResult> {
  return helm([
    'template',
    RELEASE.name,
    CHART_DIR,
    '--namespace',
    RELEASE.namespace,
    '--kube-version',
    kubeVersion(),
    ...valuesFiles.flatMap((f) => ['--values', f]),
    ...extra,
  ]);
}

/** The rendered output of a golden case; throws when helm fails. */
export async function renderCase(name: string): Promise<string> {
  const r = await template([valuesFile(name)]);
  if (r.code !== 0) throw new Error(`helm template (${name}) exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** A Kubernetes object as parsed YAML. */
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } } & Record<
  string,
  unknown
>;

/** The objects of a multi-document YAML text (empty documents dropped). */
export function manifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((d) => d.toJSON() as Manifest | null)
    .filter((d): d is Manifest => d !== null);
}
