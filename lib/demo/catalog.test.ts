// The demo cluster catalog (clusters.json) agrees with the data it names, with the front-door stories,
// and with what `npm run demo -- --cluster` accepts.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyzeObjects } from '../engine/facade';
import { DEMO_CLUSTER_INFO, DEMO_IDS, isDemoId, unknownDemoMessage } from './catalog';
import { FRONT_DOOR_STORIES } from './frontdoor-stories';
import { DEMO_CLUSTERS } from './index';

describe('demo cluster catalog', () => {
  it('has the five front-door stories as clusters, with their files, after the two Northwind clusters', () => {
    expect(DEMO_CLUSTER_INFO.filter((c) => c.group === 'cluster').map((c) => c.id)).toEqual([
      'northwind-prod',
      'northwind-edge',
    ]);
    const stories = DEMO_CLUSTER_INFO.filter((c) => c.group === 'story');
    expect(stories.map((c) => [c.id, c.file])).toEqual(FRONT_DOOR_STORIES.map((s) => [s.id, s.file]));
    expect(new Set(DEMO_IDS).size).toBe(DEMO_IDS.length);
    for (const c of DEMO_CLUSTER_INFO) {
      expect(c.name.length, c.id).toBeLessThanOrEqual(36); // fits the header's switcher
      expect(c.title, c.id).toMatch(/\(.*demo\)$/);
    }
  });

  it("each cluster's featured Service exists, and each analyses without warnings", () => {
    for (const c of DEMO_CLUSTERS) {
      const { analysis } = analyzeObjects(c.load());
      expect(
        analysis.services.map((s) => s.service),
        c.id,
      ).toContain(c.service);
      expect(analysis.warnings, c.id).toEqual([]);
    }
  });

  it('recognises ids exactly and names the valid ones otherwise, escaping what it quotes', () => {
    expect(isDemoId('kong-aws')).toBe(true);
    expect(isDemoId('Kong-AWS')).toBe(false);
    expect(isDemoId('')).toBe(false);
    const message = unknownDemoMessage('kong\u001b[31m');
    expect(message).toContain('"kong\\u001b[31m" is not an embedded demo cluster');
    expect(message).not.toContain('\u001b');
    expect(message).toContain(DEMO_IDS.join(', '));
    expect(unknownDemoMessage('x'.repeat(500)).length).toBeLessThan(300);
  });

  it('npm run demo -- --cluster refuses an unknown id before building, listing the valid ones', () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['scripts/demo.mjs', ...args], {
        env: { ...process.env, KUBEPATH_DEMO: '', KUBEPATH_SNAPSHOT: '', KUBEPATH_SOURCE: '', ...env },
        encoding: 'utf8',
      });
    const flag = run(['--cluster', 'kong-gcp']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain(
      `--cluster: "kong-gcp" is not an embedded demo cluster; the demo clusters are: ${DEMO_IDS.join(', ')}`,
    );
    const fromEnv = run(['--no-build'], { KUBEPATH_DEMO: 'nope' });
    expect(fromEnv.status).toBe(2);
    expect(fromEnv.stderr).toContain('KUBEPATH_DEMO: "nope" is not an embedded demo cluster');
    const both = run(['--cluster', 'kong-aws', '--snapshot', 'lib/demo/stories/kong-aws.json']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--cluster shows an embedded demo cluster, --snapshot a file');
  });
});
