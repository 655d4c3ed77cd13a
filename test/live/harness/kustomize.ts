// deploy/kustomize/kubepath.yaml is the chart rendered with deploy/helm/testdata/kustomize.values.yaml
// (scripts/tools/update-chart-goldens.ts writes it; test/live/chart.live.test.ts checks it is current).

/** The golden case the plain manifests are rendered from. */
export const KUSTOMIZE_CASE = 'kustomize';

/** The comment on top of the generated file. */
export const KUSTOMIZE_HEADER = `# GENERATED from the Helm chart (deploy/helm/kubepath) with deploy/helm/testdata/kustomize.values.yaml
# by scripts/tools/update-chart-goldens.ts: do not edit; change the chart or patch it in an overlay.
`;
