import { describe, expect, it } from 'vitest';
import { publicHost, publicProto, sameOrigin } from './origin';

const h = (o: Record<string, string>) => new Headers(o);

describe('origin check', () => {
  it('compares the Origin with the Host', () => {
    expect(sameOrigin(h({ host: 'kp:3000', origin: 'http://kp:3000' }), false, true)).toBe(true);
    expect(sameOrigin(h({ host: 'kp:3000', origin: 'http://evil.example' }), false, true)).toBe(false);
    expect(sameOrigin(h({ host: 'kp:3000', origin: 'null' }), false, true)).toBe(false);
  });

  it('believes X-Forwarded-Host only from a trusted proxy', () => {
    const forged = h({ host: 'kp:3000', origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' });
    expect(sameOrigin(forged, false, true)).toBe(false);
    expect(sameOrigin(forged, true, true)).toBe(true);
    expect(publicHost(forged, false)).toBe('kp:3000');
    expect(publicProto(h({ 'x-forwarded-proto': 'https' }), false, 'http')).toBe('http');
    expect(publicProto(h({ 'x-forwarded-proto': 'https' }), true, 'http')).toBe('https');
  });

  it('without Origin: allowed only when not required (curl on a laptop), refused with authentication on', () => {
    expect(sameOrigin(h({ host: 'kp' }), false, false)).toBe(true);
    expect(sameOrigin(h({ host: 'kp' }), false, true)).toBe(false);
  });
});
