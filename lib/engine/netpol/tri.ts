// Three-valued (Kleene) logic for policy matching: a peer, port or selector can match, not match,
// or be undecidable from the snapshot (invalid object, missing namespace, implementation-defined
// behaviour). `maybe` propagates so that an uncertain answer is reported as `unknown`, never `allowed`.

/** Three-valued truth: decided yes, decided no, or not decidable from what kubepath knows. */
export type Tri = 'yes' | 'no' | 'maybe';

/** Kleene AND. */
export function and(a: Tri, b: Tri): Tri {
  if (a === 'no' || b === 'no') return 'no';
  if (a === 'maybe' || b === 'maybe') return 'maybe';
  return 'yes';
}

/** Kleene OR. */
export function or(a: Tri, b: Tri): Tri {
  if (a === 'yes' || b === 'yes') return 'yes';
  if (a === 'maybe' || b === 'maybe') return 'maybe';
  return 'no';
}

/** Kleene NOT. */
export function not(a: Tri): Tri {
  return a === 'yes' ? 'no' : a === 'no' ? 'yes' : 'maybe';
}

/** Boolean to Tri. */
export function tri(b: boolean): Tri {
  return b ? 'yes' : 'no';
}
