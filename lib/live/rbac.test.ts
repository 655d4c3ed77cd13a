// The shipped ClusterRole (deploy/rbac/clusterrole.yaml) grants exactly the cluster-wide streams of
// lib/live/kinds.ts, read-only (test/live/rbac.live.test.ts checks the same against a real authorizer).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { WATCHED_KINDS } from './kinds';

describe('deploy/rbac/clusterrole.yaml', () => {
  it('names exactly the resources of the cluster-wide streams, front-door kinds included, with get/list/watch', () => {
    const role = parse(readFileSync('deploy/rbac/clusterrole.yaml', 'utf8')) as {
      rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    };
    const granted = role.rules
      .flatMap((r) => r.resources.map((res) => `${res}.${r.apiGroups[0]}|${[...r.verbs].sort().join(',')}`))
      .sort();
    const wanted = WATCHED_KINDS.filter((k) => !k.fieldSelector)
      .map((k) => `${k.resource}.${k.group}|get,list,watch`)
      .sort();
    expect(granted).toEqual(wanted);
    expect(granted).toContain('virtualservices.networking.istio.io|get,list,watch');
    expect(granted).toContain('servicel2statuses.metallb.io|get,list,watch');
  });
});
