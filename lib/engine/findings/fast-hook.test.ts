import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '../../model/build';
import { detectDataplane } from '../dataplane';
import { compilePolicies, createPolicyHook } from '../netpol';
import type { PolicyQuestion } from '../policy-hook';
import { netpol } from '../testing/fixtures';
import { webObjects, WEB } from '../testing/scenarios';
import { analysisPolicyHook } from './fast-hook';

function hooks(extra = webObjects()) {
  const model = buildClusterModel(extra);
  const dp = detectDataplane(model);
  const index = compilePolicies(model);
  return { model, fast: analysisPolicyHook(model, dp, index), real: createPolicyHook(model, dp, compilePolicies(model)) };
}

function question(model: ReturnType<typeof buildClusterModel>, over: Partial<PolicyQuestion> = {}): PolicyQuestion {
  const destPod = model.pods.get('default/web-a')!;
  return {
    clientIP: '203.0.113.7', clientPod: null, clientNode: null, masqueraded: true, snatSource: '192.168.0.2',
    ingressNode: model.nodes.get('node-b')!, destIP: WEB.endpoints[0].ip, destPod, port: 8080, protocol: 'TCP',
    preDnatDestIP: WEB.lbIP, preDnatPort: 80, ...over,
  };
}

describe('analysis policy hook', () => {
  it('a pod no policy selects, an outside client: the same verdict and reason as the NetworkPolicy engine', () => {
    const { model, fast, real } = hooks();
    for (const q of [question(model), question(model, { masqueraded: false, snatSource: null, ingressNode: model.nodes.get('node-a')! })]) {
      expect(fast(q)).toEqual(real(q));
      expect(fast(q).verdict).toBe('allowed');
    }
  });

  it('isolated pods, in-cluster clients and unreadable policies go to the engine', () => {
    const deny = netpol({ name: 'deny', podSelector: {}, policyTypes: ['Ingress'] });
    const isolated = hooks(webObjects({ extra: [deny] }));
    expect(isolated.fast(question(isolated.model)).verdict).toBe('denied');
    const plain = hooks();
    const fromPod = question(plain.model, { clientIP: WEB.clientPod.ip, clientPod: plain.model.pods.get('default/client')! });
    expect(plain.fast(fromPod)).toEqual(plain.real(fromPod));
    const down = buildClusterModel(webObjects(), { unavailableKinds: { NetworkPolicy: '403' } });
    const fast = analysisPolicyHook(down, detectDataplane(down), compilePolicies(down));
    expect(fast(question(down)).verdict).toBe('unknown');
  });
});
