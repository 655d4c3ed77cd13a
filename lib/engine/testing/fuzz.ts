// Mutations for the property-based fuzz tests (lib/engine/facade.fuzz.test.ts and
// lib/engine/frontdoor/frontdoor.fuzz.test.ts): every JSON type, the API's edge cases and hostile strings,
// set at (or deleted from) a random place inside an object.
import fc from 'fast-check';
import type { KubeObject } from '../../model/k8s';

/** Values a field may be replaced with: every JSON type, the API's edge cases and a few hostile strings. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined, // the field is removed
    true,
    0,
    -1,
    70000,
    1e300,
    0.5,
    '',
    'None',
    '10.0.0.1',
    'fd00::1',
    '::',
    '0.0.0.0/0',
    'x'.repeat(300),
    'y'.repeat(100_000),
    '\u001b]0;title\u0007\u009b31m',
    'Local',
    'LoadBalancer',
    [],
    {},
    [null],
    [{}],
    ['a', 1],
    { a: 1 },
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
);

/** A mutation: walk `steps` into an object (each step picks a key by index), then set or delete there. */
export const mutation = fc.record({
  object: fc.nat(),
  steps: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  value: hostileValue,
});
export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

/** Applies mutations to structured clones of the objects they touch; returns the new list and the touched indexes. */
export function mutate(objects: KubeObject[], mutations: Mutation[]): { objects: KubeObject[]; touched: Set<number> } {
  const out = objects.slice();
  const touched = new Set<number>();
  for (const m of mutations) {
    const i = m.object % out.length;
    if (!touched.has(i)) out[i] = structuredClone(out[i]);
    touched.add(i);
    let holder: Record<string, unknown> = out[i] as Record<string, unknown>;
    for (let d = 0; d < m.steps.length; d++) {
      const keys = Object.keys(holder);
      if (keys.length === 0) break;
      const key = keys[m.steps[d] % keys.length];
      const child = holder[key];
      const last = d === m.steps.length - 1 || !child || typeof child !== 'object';
      if (last) {
        if (m.value === undefined) delete holder[key];
        else holder[key] = m.value;
        break;
      }
      holder = child as Record<string, unknown>;
    }
  }
  return { objects: out, touched };
}
