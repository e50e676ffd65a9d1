/** Readers of a decoded form body that refuse what Stripe refuses, with Stripe's codes and messages. */
import { invalidParam, missingParam } from './errors.js';
import type { FormObject, FormValue } from './form.js';

/** Refuses what the fake does not model, so a new parameter fails loudly instead of being ignored. */
export function allowOnly(params: FormObject, names: readonly string[], prefix = ''): void {
  const unknown = Object.keys(params).find((name) => !names.includes(name));
  if (unknown !== undefined) {
    const param = prefix ? `${prefix}[${unknown}]` : unknown;
    throw invalidParam(param, 'parameter_unknown', `Received unknown parameter: ${param}`);
  }
}

export function stringParam(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(name, 'parameter_invalid_string', `Invalid string: ${describe(value)}`);
  return value;
}

export function requiredString(params: FormObject, name: string): string {
  const value = stringParam(params, name);
  if (value === undefined || value === '') throw missingParam(name);
  return value;
}

/** A positive integer in minor units, as Stripe reads `amount`. */
export function amountParam(params: FormObject, name: string): number | undefined {
  const value = stringParam(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw invalidParam(name, 'parameter_invalid_integer', `Invalid integer: ${value}`);
  const amount = Number(value);
  if (amount < 1) throw invalidParam(name, 'parameter_invalid_integer', 'This value must be greater than or equal to 1.');
  if (amount > 99_999_999) throw invalidParam(name, 'amount_too_large', 'Amount must be no more than 999,999.99');
  return amount;
}

export function booleanParam(params: FormObject, name: string, prefix: string): boolean | undefined {
  const value = stringParam(params, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false')
    throw invalidParam(`${prefix}[${name}]`, 'parameter_invalid_boolean', `Invalid boolean: ${value}`);
  return value === 'true';
}

export function enumParam<T extends string>(params: FormObject, name: string, values: readonly T[]): T | undefined {
  const value = stringParam(params, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw invalidParam(name, 'parameter_invalid_string', `Invalid ${name}: must be one of ${values.join(', ')}`);
  }
  return value as T;
}

/** Stripe's limits: 50 keys, keys up to 40 characters, values up to 500; an empty value unsets. */
export function metadataParam(params: FormObject): Record<string, string> {
  const value = params.metadata;
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam('metadata', 'parameter_invalid_string', 'Invalid hash');
  const entries = Object.entries(value);
  if (entries.length > 50) throw invalidParam('metadata', 'parameter_invalid_string', 'You can have at most 50 keys in metadata.');
  const metadata: Record<string, string> = {};
  for (const [key, v] of entries) {
    const param = `metadata[${key}]`;
    if (typeof v !== 'string') throw invalidParam(param, 'parameter_invalid_string', `Invalid string: ${describe(v)}`);
    if (key.length > 40) throw invalidParam(param, 'parameter_invalid_string', 'Metadata keys can have up to 40 characters.');
    if (v.length > 500) throw invalidParam(param, 'parameter_invalid_string', 'Metadata values can have up to 500 characters.');
    if (v !== '') metadata[key] = v;
  }
  return metadata;
}

const describe = (value: FormValue) => JSON.stringify(value);
