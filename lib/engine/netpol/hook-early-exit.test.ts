import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '../../model/build';
import { detectDataplane } from '../dataplane';
import type { PolicyQuestion } from '../policy-hook';
import { netpol } from '../testing/fixtures';
import { webObjects, WEB } from '../testing/scenarios';
import { compilePolicies, createPolicyHook, decidePacketPolicy } from './index';

// The hook's early exit (outside client, pod not isolated) must answer exactly what the full evaluation answers.
function setup(extra = webObjects()) {
  const model = buildClusterModel(extra);
  const dp = detectDataplane(model);
  const index = compilePolicies(model);
  const full = (q: PolicyQuestion) => {
    const d = decidePacketPolicy(model, dp, index, q);
    return { verdict: d.verdict, reason: d.reason };
  };
  return { model, hook: createPolicyHook(model, dp, index), full };
}

function question(model: ReturnType<typeof buildClusterModel>, over: Partial<PolicyQuestion> = {}): PolicyQuestion {
  const destPod = model.pods.get('default/web-a')!;
  return {
    clientIP: '203.0.113.7',
    clientPod: null,
    clientNode: null,
    masqueraded: true,
    snatSource: '192.168.0.2',
    ingressNode: model.nodes.get('node-b')!,
    destIP: WEB.endpoints[0].ip,
    destPod,
    port: 8080,
    protocol: 'TCP',
    preDnatDestIP: WEB.lbIP,
    preDnatPort: 80,
    ...over,
  };
}

describe('policy hook early exit', () => {
  it('a pod no policy selects, an outside client: the same verdict and reason as the full evaluation', () => {
    const { model, hook, full } = setup();
    for (const q of [
      question(model),
      question(model, { masqueraded: false, snatSource: null, ingressNode: model.nodes.get('node-a')! }),
    ]) {
      expect(hook(q)).toEqual(full(q));
      expect(hook(q).verdict).toBe('allowed');
    }
  });

  it('isolated pods, in-cluster clients and unreadable policies get the full evaluation', () => {
    const deny = netpol({ name: 'deny', podSelector: {}, policyTypes: ['Ingress'] });
    const isolated = setup(webObjects({ extra: [deny] }));
    expect(isolated.hook(question(isolated.model)).verdict).toBe('denied');
    const plain = setup();
    const fromPod = question(plain.model, {
      clientIP: WEB.clientPod.ip,
      clientPod: plain.model.pods.get('default/client')!,
    });
    expect(plain.hook(fromPod)).toEqual(plain.full(fromPod));
    const down = buildClusterModel(webObjects(), { unavailableKinds: { NetworkPolicy: '403' } });
    const hook = createPolicyHook(down, detectDataplane(down), compilePolicies(down));
    expect(hook(question(down)).verdict).toBe('unknown');
  });
});
