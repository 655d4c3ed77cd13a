import { describe, expect, it } from 'vitest';
import { exportFileName, formatShare, middleEllipsis, seenSourceText, shortName } from './format';

describe('format', () => {
  it('formats shares without rounding non-zero to 0%', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.0004)).toBe('<0.1%');
    expect(formatShare(0.0143)).toBe('1.4%');
    expect(formatShare(1 / 6)).toBe('17%');
    expect(formatShare(1)).toBe('100%');
  });

  it('says which source a pod sees', () => {
    expect(seenSourceText({ client: true, addresses: [], total: 0 }, '203.0.113.10')).toBe('203.0.113.10');
    expect(seenSourceText({ client: false, addresses: ['10.0.1.1', '10.0.1.2', '10.0.1.3'], total: 9 }, 'x')).toBe(
      '10.0.1.1, 10.0.1.2 +7 more',
    );
    expect(seenSourceText({ client: false, addresses: [], total: 0 }, 'x')).toBe('nothing (no traffic)');
  });

  it('names export files safely', () => {
    expect(exportFileName('shop', 'checkout', 'svg')).toBe('kubepath-shop-checkout.svg');
    expect(exportFileName('a/../b', '"><img onerror=x>', 'png')).toBe('kubepath-a_.._b-_img_onerror_x_.png');
    expect(shortName('shop/web-1')).toBe('web-1');
    expect(middleEllipsis('storefront-web-6d6498549d-8qv27', 20)).toBe('storefront…49d-8qv27');
    expect(middleEllipsis('storefront-web-6d6498549d-8qv27', 20)).toHaveLength(20);
    expect(middleEllipsis('short', 20)).toBe('short');
  });
});
