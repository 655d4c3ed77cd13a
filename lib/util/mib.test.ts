import { describe, expect, it } from 'vitest';
import { mib, mibText, mibUp } from './mib';

describe('MiB', () => {
  it('rounds a read to the nearest MiB, a size against a limit up, and separates thousands', () => {
    expect(mib(312.4 * 2 ** 20)).toBe(312);
    expect(mib(312.5 * 2 ** 20)).toBe(313);
    expect(mibUp(512 * 2 ** 20 + 1)).toBe(513);
    expect(mibUp(512 * 2 ** 20)).toBe(512);
    expect(mibText(1508 * 2 ** 20)).toBe('1,508');
    expect(mibText(0)).toBe('0');
  });
});
