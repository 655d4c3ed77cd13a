import { describe, expect, it } from 'vitest';
import { describeValidationError, inputsOf, traceApiRequestSchema } from './trace-api';

describe('trace API request schema', () => {
  it('fills defaults for the optional fields', () => {
    const r = traceApiRequestSchema.parse({ from: '203.0.113.7' });
    expect(r).toEqual({ service: null, from: '203.0.113.7', to: '', port: '', proto: 'tcp', node: '', policy: null });
    expect(inputsOf(r)).toEqual({ from: '203.0.113.7', to: '', port: '', proto: 'tcp', node: '' });
  });

  it('rejects garbage with a message naming the field', () => {
    const bad = traceApiRequestSchema.safeParse({ from: 'x', port: '80; rm -rf', policy: 'Sometimes' });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(describeValidationError(bad.error)).toMatch(/^port: /);
    expect(traceApiRequestSchema.safeParse({ from: 'x', service: 'no-slash' }).success).toBe(false);
    expect(traceApiRequestSchema.safeParse({}).success).toBe(false);
  });
});
