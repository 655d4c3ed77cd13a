// A yes/no checker compiled from a zod schema, for the hot path: validating 150,000 pods with zod's
// full parse (which builds an output object and an issue list per node) costs about as much as
// JSON.parse of the snapshot. The compiled check allocates nothing; only objects it rejects are parsed
// again with zod, for the issue paths and messages. Any schema part it does not understand is delegated
// to zod itself, so the two can never disagree (validate.test.ts checks them against each other).
import type { z } from 'zod';

type Check = (v: unknown) => boolean;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, unknown>;
  fn?: (v: unknown) => unknown;
  checks?: { _zod: { def: CheckDef } }[];
}

interface CheckDef {
  check: string;
  maximum?: number;
  minimum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** A checker that answers exactly as `schema.safeParse(v).success`. */
export function compileCheck(schema: z.ZodType): Check {
  return compile(schema) ?? ((v) => schema.safeParse(v).success);
}

function compile(schema: z.ZodType): Check | null {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const entries = Object.entries(def.shape ?? {});
      const keys = entries.map(([k]) => k);
      const fields = entries.map(([, s]) => compileCheck(s));
      return (v) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
        const o = v as Record<string, unknown>;
        for (let i = 0; i < keys.length; i++) if (!fields[i](o[keys[i]])) return false;
        return true;
      };
    }
    case 'array': {
      const element = compileCheck(def.element!);
      return withChecks(def, (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      });
    }
    case 'optional':
    case 'nullable': {
      const inner = defOf(def.innerType!);
      // nullish() = optional(nullable(x)): one test for both.
      if (def.type === 'optional' && inner.type === 'nullable') {
        const x = compileCheck(inner.innerType!);
        return (v) => v === undefined || v === null || x(v);
      }
      const x = compileCheck(def.innerType!);
      return def.type === 'optional' ? (v) => v === undefined || x(v) : (v) => v === null || x(v);
    }
    case 'union': {
      const options = (def.options ?? []).map(compileCheck);
      return (v) => options.some((o) => o(v));
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (v) => values.has(v);
    }
    case 'string':
      return withChecks(def, (v) => typeof v === 'string');
    case 'number':
      return withChecks(def, (v) => typeof v === 'number' && Number.isFinite(v));
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'unknown':
      return () => true;
    case 'custom': {
      const fn = def.fn!;
      return withChecks(def, (v) => Boolean(fn(v)));
    }
    default:
      return null;
  }
}

/** Adds the length and range checks zod keeps in `def.checks`; null (delegate to zod) for any other. */
function withChecks(def: Def, base: Check): Check | null {
  let check = base;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    const prev = check;
    switch (d.check) {
      case 'max_length': {
        const max = d.maximum!;
        check = (v) => prev(v) && (v as { length: number }).length <= max;
        break;
      }
      case 'min_length': {
        const min = d.minimum!;
        check = (v) => prev(v) && (v as { length: number }).length >= min;
        break;
      }
      case 'less_than': {
        const max = d.value!;
        check = d.inclusive ? (v) => prev(v) && (v as number) <= max : (v) => prev(v) && (v as number) < max;
        break;
      }
      case 'greater_than': {
        const min = d.value!;
        check = d.inclusive ? (v) => prev(v) && (v as number) >= min : (v) => prev(v) && (v as number) > min;
        break;
      }
      case 'number_format':
        if (d.format !== 'safeint') return null;
        check = (v) => prev(v) && Number.isSafeInteger(v);
        break;
      default:
        return null;
    }
  }
  return check;
}
