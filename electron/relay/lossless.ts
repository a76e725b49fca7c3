/**
 * JSON that keeps 64-bit integers exactly (lossless-json; docs/architecture.md "Dependencies").
 * Douyin ids are 64-bit: a capture tool written in C# sends them as JSON numbers, and above 2^53
 * JSON.parse would round them (7350000000000000001 → 7350000000000000000), merging two viewers.
 * Integers that fit a double exactly are plain numbers (so zod and arithmetic see numbers);
 * larger ones are LosslessNumber, which `idString` turns into their digits and `stringifyLossless`
 * writes back as they came.
 */
import { LosslessNumber, parse, stringify } from 'lossless-json';

const INTEGER = /^-?\d+$/;

function parseNumber(text: string): number | LosslessNumber {
  if (INTEGER.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : new LosslessNumber(text);
  }
  return Number(text);
}

/** JSON.parse, except that integers beyond 2^53 stay exact; a duplicate key keeps the last value, as JSON.parse does. */
export function parseLossless(text: string): unknown {
  return parse(text, null, { parseNumber, onDuplicateKey: ({ newValue }) => newValue });
}

/** JSON.stringify that writes a LosslessNumber as its digits. */
export function stringifyLossless(value: unknown): string {
  return stringify(value) ?? 'null';
}

/**
 * An id as the exact string: a string as it is, a number or LosslessNumber as its digits; ''
 * for anything else (missing, an object), which callers treat as "no id".
 */
export function idString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof LosslessNumber) return value.toString();
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'bigint') return value.toString();
  return '';
}

/**
 * A count as a number: a number, a LosslessNumber or a numeric string (protojson writes 64-bit
 * integers as strings); null when it is none of these or not finite.
 */
export function countOf(value: unknown): number | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (value instanceof LosslessNumber) n = Number(value.toString());
  else if (typeof value === 'string' && value.trim() !== '') n = Number(value);
  else return null;
  return Number.isFinite(n) ? n : null;
}

/** A parsed JSON object as a record, or null for anything else (an array, a string, null). */
export type JsonObject = Record<string, unknown>;
export function asObject(v: unknown): JsonObject | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof LosslessNumber) ? (v as JsonObject) : null;
}

export { LosslessNumber };
