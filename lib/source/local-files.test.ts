import { describe, expect, it } from 'vitest';
import { analyzeLocalFiles } from './local-files';

const at = new Date('2026-02-03T04:05:06Z');
const serviceYaml = (name: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop}
spec: {type: NodePort, clusterIP: 10.96.0.7, ports: [{port: 80, nodePort: 30080}]}
`;

describe('analyzeLocalFiles', () => {
  it('merges several files into one analysis labelled by their names', () => {
    const view = analyzeLocalFiles(
      [
        { name: 'a.yaml', text: serviceYaml('web') },
        { name: 'b.yaml', text: serviceYaml('api') },
      ],
      at,
    );
    expect(view.analysis.services.map((s) => s.service).sort()).toEqual(['shop/api', 'shop/web']);
    expect(view.source).toMatchObject({ label: 'a.yaml, b.yaml', loadedAt: '2026-02-03T04:05:06.000Z', errors: [] });
  });

  it('keeps the good file and reports the broken one with its line', () => {
    const view = analyzeLocalFiles(
      [
        { name: 'ok.yaml', text: serviceYaml('web') },
        { name: 'broken.json', text: '{"kind": "List",\n "items": [}' },
      ],
      at,
    );
    expect(view.analysis.services).toHaveLength(1);
    expect(view.source.errors).toHaveLength(1);
    expect(view.source.errors[0]).toMatch(/^broken\.json:2:/);
  });

  it('reports files too large to read instead of reading them', () => {
    const view = analyzeLocalFiles([], at, { tooLarge: [{ name: 'huge.json', size: 300 * 1024 * 1024 }] });
    expect(view.source.errors[0]).toContain('huge.json: file is too large to open in the browser (300 MiB');
  });
});
