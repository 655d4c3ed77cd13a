import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff';
import { classifyError, credentialsMessage, KubeApiError, KubeCredentialsError, unreachableMessage } from './errors';

describe('classifyError', () => {
  it('sorts API answers by what the source does about them', () => {
    expect(classifyError(new KubeApiError(403, 'networkpolicies is forbidden', 'Forbidden')).class).toBe('forbidden');
    expect(classifyError(new KubeApiError(404, 'the server could not find the requested resource')).class).toBe(
      'not-served',
    );
    expect(classifyError(new KubeApiError(410, 'too old resource version', 'Expired')).class).toBe('gone');
    expect(classifyError(new KubeApiError(401, 'Unauthorized')).class).toBe('unauthorized');
    expect(classifyError(new KubeApiError(500, 'etcdserver: leader changed')).class).toBe('server');
  });

  it('reads client-node error shapes: ApiException.code and Watch statusCode', () => {
    expect(classifyError(Object.assign(new Error('Forbidden'), { statusCode: 403 })).class).toBe('forbidden');
    expect(classifyError(Object.assign(new Error('HTTP-Code: 410'), { code: 410 })).class).toBe('gone');
  });

  it('calls a refused connection unreachable and keeps the network code in the message', () => {
    const err = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' }),
    });
    const c = classifyError(err);
    expect(c).toEqual({
      class: 'unreachable',
      status: null,
      message: 'fetch failed: connect ECONNREFUSED 127.0.0.1:6443',
    });
    expect(unreachableMessage('prod', 'https://10.0.0.1:6443', c.message)).toBe(
      'cannot reach the API server of context "prod" at https://10.0.0.1:6443: fetch failed: connect ECONNREFUSED 127.0.0.1:6443',
    );
  });

  it('keeps credentials that could not be produced (exec plugin) apart from rejected ones (401)', () => {
    const c = classifyError(new KubeCredentialsError('the exec credential plugin "aws" failed: token expired'));
    expect(c).toEqual({
      class: 'credentials',
      status: null,
      message: 'the exec credential plugin "aws" failed: token expired',
    });
    expect(credentialsMessage('eks-prod', 'https://ABC.eks.amazonaws.com', c)).toBe(
      'cannot get credentials for context "eks-prod" (https://ABC.eks.amazonaws.com): the exec credential plugin "aws" failed: token expired',
    );
    expect(
      credentialsMessage('prod', 'https://10.0.0.1:6443', classifyError(new KubeApiError(401, 'Unauthorized'))),
    ).toBe('the API server of context "prod" at https://10.0.0.1:6443 rejected the credentials (401): Unauthorized');
  });

  it('tells a client-side timeout apart', () => {
    expect(classifyError(new DOMException('The operation was aborted due to timeout', 'TimeoutError')).class).toBe(
      'timeout',
    );
  });
});

describe('createBackoff', () => {
  it('doubles up to the cap, with the random part inside [d*(1-jitter), d]', () => {
    const low = createBackoff({ initialMs: 1000, maxMs: 8000, factor: 2, jitter: 0.5 }, () => 0);
    expect([low.next(), low.next(), low.next(), low.next(), low.next()]).toEqual([500, 1000, 2000, 4000, 4000]);
    const high = createBackoff({ initialMs: 1000, maxMs: 8000, factor: 2, jitter: 0.5 }, () => 1);
    expect([high.next(), high.next(), high.next(), high.next(), high.next()]).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(high.attempts).toBe(5);
    high.reset();
    expect(high.next()).toBe(1000);
  });
});
