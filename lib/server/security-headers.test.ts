import { describe, expect, it } from 'vitest';
import { API_CSP, newNonce, pageCsp, STATIC_SECURITY_HEADERS } from './security-headers';

describe('security headers', () => {
  it('a page policy allows scripts only from the app and with the nonce, and no framing', () => {
    const csp = pageCsp('abc123', false);
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(pageCsp('n', true)).toContain("'unsafe-eval'"); // next dev only
  });

  it('everything else allows nothing; the static headers are the issue’s', () => {
    expect(API_CSP).toMatch(/^default-src 'none'; frame-ancestors 'none'/);
    expect(STATIC_SECURITY_HEADERS).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'same-origin',
    });
  });

  it('nonces are 128-bit base64 and differ', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
