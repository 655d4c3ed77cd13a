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

  it('one hook asked in turn about other pods and clients answers each as a fresh hook does', () => {
    // The hook keeps the last client's and the last pod's answer; switching must never reuse a stale one.
    const deny = netpol({
      name: 'deny-client',
      podSelector: { matchLabels: { app: 'client' } },
      policyTypes: ['Ingress'],
    });
    const model = buildClusterModel(webObjects({ extra: [deny] }));
    const dp = detectDataplane(model);
    const index = compilePolicies(model);
    const hook = createPolicyHook(model, dp, index);
    const fresh = (q: PolicyQuestion) => createPolicyHook(model, dp, index)(q);
    const webB = model.pods.get('default/web-b')!;
    const client = model.pods.get('default/client')!;
    const asks = [
      question(model),
      question(model, { destPod: webB, destIP: WEB.endpoints[1].ip, ingressNode: model.nodes.get('node-a')! }),
      question(model, { destPod: client, destIP: WEB.clientPod.ip }),
      question(model),
      question(model, { clientIP: WEB.clientPod.ip }),
      question(model, { clientIP: WEB.nodes['node-c'] }),
      question(model, { destPod: client, destIP: WEB.clientPod.ip }),
      question(model),
    ];
    const answers = asks.map((q) => hook(q));
    asks.forEach((q, i) => expect(answers[i]).toEqual(fresh(q)));
    expect(answers.map((a) => a.verdict)).toEqual([
      'allowed',
      'allowed',
      'denied',
      'allowed',
      'allowed',
      'allowed',
      'denied',
      'allowed',
    ]);
    expect(answers[1].reason).toContain('default/web-b');
    expect(answers[3].reason).toContain('default/web-a');
    // Where the early exit applies it answers what the full evaluation answers.
    for (const i of [0, 1, 3]) expect(answers[i]).toEqual(decidePacketPolicyAnswer(model, dp, index, asks[i]));
  });
});

function decidePacketPolicyAnswer(...args: Parameters<typeof decidePacketPolicy>) {
  const d = decidePacketPolicy(...args);
  return { verdict: d.verdict, reason: d.reason };
}
