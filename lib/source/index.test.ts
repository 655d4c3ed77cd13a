import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));
const { createClusterSource, sourceConfigFromEnv } = await import('./index');

describe('source configuration', () => {
  it('defaults to the demo cluster', () => {
    expect(sourceConfigFromEnv({} as NodeJS.ProcessEnv)).toEqual({ snapshotPaths: [] });
    expect(createClusterSource({ snapshotPaths: [] }).kind).toBe('demo');
  });

  it('reads comma-separated snapshot paths, ignoring blanks', () => {
    const config = sourceConfigFromEnv({ KUBEPATH_SNAPSHOT: ' a.json, ,dir/ ' } as unknown as NodeJS.ProcessEnv);
    expect(config).toEqual({ snapshotPaths: ['a.json', 'dir/'] });
    expect(createClusterSource(config).kind).toBe('snapshot');
  });
});
