import { describe, expect, it } from 'vitest';
import { bestPerScale, superlinearPhases } from './linearity';
import type { PhaseFigures } from './phase';

/** One measurement: 17,822 objects per 10% (the standard shape), output bytes 11.3× the 10% figure at 100%. */
function row(
  scale: number,
  ms: Partial<Record<'parseMs' | 'modelMs' | 'pathsMs' | 'findingsMs' | 'outputMs', number>>,
): PhaseFigures {
  return {
    scenario: 'standard',
    scale,
    file: `standard-${scale * 100}.json`,
    objects: Math.round(178_220 * scale),
    bytes: Math.round(108e6 * scale),
    parseMs: 0,
    modelMs: 0,
    pathsMs: 0,
    findingsMs: 0,
    outputMs: 0,
    findings: 0,
    podRows: 0,
    outputBytes: scale === 1 ? 165e6 : scale === 0.5 ? 78e6 : 14.6e6,
    heapPeak: 0,
    rss: 0,
    ...ms,
  };
}

describe('superlinearPhases', () => {
  it('passes phases that grow with their input', () => {
    // The figures of a full run of the standard shape (6 Dec 2026).
    const rows = [
      row(0.1, { parseMs: 134, modelMs: 202, pathsMs: 344, findingsMs: 223, outputMs: 102 }),
      row(0.5, { parseMs: 650, modelMs: 646, pathsMs: 1128, findingsMs: 627, outputMs: 335 }),
      row(1, { parseMs: 1331, modelMs: 1281, pathsMs: 1969, findingsMs: 560, outputMs: 775 }),
    ];
    expect(superlinearPhases(rows)).toEqual([]);
  });

  it('fails a quadratic phase, from 10% and from 50%', () => {
    // n²: 100× from 10% and 4× from 50% for 10× / 2× the objects.
    const rows = [row(0.1, { findingsMs: 14 }), row(0.5, { findingsMs: 346 }), row(1, { findingsMs: 1384 })];
    const [bad, ...rest] = superlinearPhases(rows);
    expect(rest).toEqual([]);
    expect(bad.phase).toBe('findingsMs');
    expect(bad.fromSmall).toBeCloseTo(1384 / 14);
    expect(bad.fromMid).toBeCloseTo(4);
    expect(bad.inputFromSmall).toBeCloseTo(10);
    expect(bad.unit).toBe('objects');
  });

  it('passes a phase that is slow at only one smaller scale (one noisy run)', () => {
    // Growth 14× from a 10% run that met little interference, but 1.9× from 50%: not superlinear.
    expect(
      superlinearPhases([row(0.1, { pathsMs: 140 }), row(0.5, { pathsMs: 1030 }), row(1, { pathsMs: 1960 })]),
    ).toEqual([]);
    // …and the other way round: 2.8× from 50% (a slow 100% run) but 9× from 10%.
    expect(
      superlinearPhases([row(0.1, { parseMs: 254 }), row(0.5, { parseMs: 828 }), row(1, { parseMs: 2287 })]),
    ).toEqual([]);
  });

  it('judges the output phase by the bytes it writes', () => {
    // 14× the time for 11.3× the bytes and 2.65× for 2.1×: within 1.3× of what it writes, though more than 1.3×
    // the objects' 10× and 2× — judged by the objects, this would fail.
    expect(
      superlinearPhases([row(0.1, { outputMs: 57 }), row(0.5, { outputMs: 301 }), row(1, { outputMs: 798 })]),
    ).toEqual([]);
    // 16× the time for 11.3× the bytes, 2.8× for 2.1×: superlinear in them too.
    const [bad] = superlinearPhases([
      row(0.1, { outputMs: 50 }),
      row(0.5, { outputMs: 290 }),
      row(1, { outputMs: 800 }),
    ]);
    expect(bad).toMatchObject({ phase: 'outputMs', unit: 'bytes written' });
  });

  it('does not judge phases too short at full scale', () => {
    expect(superlinearPhases([row(0.1, { modelMs: 1 }), row(0.5, { modelMs: 5 }), row(1, { modelMs: 49 })])).toEqual(
      [],
    );
    expect(
      superlinearPhases([row(0.1, { modelMs: 1 }), row(0.5, { modelMs: 5 }), row(1, { modelMs: 50 })]),
    ).toHaveLength(1);
  });
});

describe('bestPerScale', () => {
  it("takes each phase's least time per scale, and the first run's other figures", () => {
    const first = [row(0.1, { parseMs: 150, modelMs: 200 }), row(1, { parseMs: 2287, modelMs: 1300 })];
    const second = [row(0.1, { parseMs: 140, modelMs: 230 }), row(1, { parseMs: 1400, modelMs: 1350 })];
    second[1].findings = 99;
    const best = bestPerScale([first, second]);
    expect(best.map((r) => [r.parseMs, r.modelMs])).toEqual([
      [140, 200],
      [1400, 1300],
    ]);
    expect(best[1].findings).toBe(0);
    expect(first[1].parseMs).toBe(2287); // the runs themselves are left as they were
  });

  it('turns a noisy run into a linear verdict, and leaves a quadratic phase failing', () => {
    const noisy = [row(0.1, { parseMs: 154 }), row(0.5, { parseMs: 828 }), row(1, { parseMs: 2287 })];
    const quiet = [row(0.1, { parseMs: 150 }), row(0.5, { parseMs: 760 }), row(1, { parseMs: 1500 })];
    // The noisy run alone fails both steps (14.8× and 2.8×: the run of 7 Dec 2026 that JSON.parse failed)…
    expect(superlinearPhases(noisy)).toHaveLength(1);
    // …the best of it and a quieter run does not.
    expect(superlinearPhases(bestPerScale([noisy, quiet]))).toEqual([]);
    const quadratic = (k: number) => [
      row(0.1, { pathsMs: 14 * k }),
      row(0.5, { pathsMs: 346 * k }),
      row(1, { pathsMs: 1384 * k }),
    ];
    expect(superlinearPhases(bestPerScale([quadratic(1), quadratic(1.2), quadratic(0.9)]))).toHaveLength(1);
  });
});
