/**
 * A validated model as JSON text and back, exactly: the planner's page carries the model the CLI
 * loaded (with its CSV inputs already read), since the page reads no files. JSON alone would lose
 * typed arrays, maps and non-finite numbers; they are written as tagged objects.
 */
import type { Model } from '../model/types.js';

type Tagged = { $f64: number[] } | { $i32: number[] } | { $map: [unknown, unknown][] } | { $num: 'NaN' | 'Infinity' | '-Infinity' | '-0' };

/**
 * The model as JSON text that `decodeModel` turns back into an equal model (every number to the bit).
 *
 * @example
 * decodeModel(encodeModel(model)); // deep-equal to model
 */
export function encodeModel(model: Model): string {
  return JSON.stringify(model, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (raw instanceof Float64Array) return { $f64: Array.from(raw, number) };
    if (raw instanceof Int32Array) return { $i32: Array.from(raw) };
    if (ArrayBuffer.isView(raw)) throw new TypeError(`encodeModel: ${raw.constructor.name} at '${key}' is not supported`);
    if (raw instanceof Map) return { $map: [...raw.entries()] };
    if (typeof raw === 'number') return number(raw);
    return value;
  });
}

/** The model `encodeModel` wrote. */
export function decodeModel(text: string): Model {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const t = value as Partial<Record<string, unknown>>;
    const keys = Object.keys(t);
    if (keys.length !== 1 || !keys[0].startsWith('$')) return value;
    const v = value as Tagged;
    // Inner tags are revived first (the reviver works from the leaves up), so the arrays hold numbers here.
    if ('$f64' in v) return Float64Array.from(v.$f64);
    if ('$i32' in v) return Int32Array.from(v.$i32);
    if ('$map' in v) return new Map(v.$map);
    if ('$num' in v) return v.$num === '-0' ? -0 : Number(v.$num);
    return value;
  }) as Model;
}

/** A number JSON keeps as it is, or its tag. */
function number(x: number): number | Tagged {
  if (Number.isFinite(x)) return Object.is(x, -0) ? { $num: '-0' } : x;
  return { $num: String(x) as 'NaN' | 'Infinity' | '-Infinity' };
}
