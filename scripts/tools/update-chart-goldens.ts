// Re-renders the Helm chart's golden files and the plain-manifest install from the chart:
//   deploy/helm/testdata/<case>.expected.yaml  for every <case>.values.yaml
//   deploy/kustomize/kubepath.yaml             the `kustomize` case, for `kubectl apply -k deploy/kustomize`
// Run after changing the chart, then review the diff:  npx tsx scripts/tools/update-chart-goldens.ts
// (needs helm: scripts/tools/build.sh). test/live/chart.live.test.ts fails while they are out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartCases, expectedFile, renderCase } from '../../test/live/harness/helm';
import { REPO_ROOT } from '../../test/live/harness/controlplane';
import { KUSTOMIZE_CASE, KUSTOMIZE_HEADER } from '../../test/live/harness/kustomize';

for (const name of chartCases()) {
  const rendered = await renderCase(name);
  writeFileSync(expectedFile(name), rendered);
  console.log(`wrote ${expectedFile(name)}`);
  if (name === KUSTOMIZE_CASE) {
    const target = join(REPO_ROOT, 'deploy', 'kustomize', 'kubepath.yaml');
    writeFileSync(target, KUSTOMIZE_HEADER + rendered);
    console.log(`wrote ${target}`);
  }
}
