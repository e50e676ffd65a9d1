/**
 * Stripe's v1 request bodies: `application/x-www-form-urlencoded` with bracket notation, as the
 * SDK's `stringifyRequestData` writes them (node_modules/stripe/cjs/utils.js): objects as
 * `metadata[order_id]=…`, arrays as `items[0][price]=…`, brackets left unencoded, `undefined`
 * skipped. Older clients (qs) may write `items[]=…` or `%5B…%5D` and `+` for spaces; both decode here.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

/** A body that cannot be read as one nested object, e.g. both `a=1` and `a[b]=2`. */
export class FormError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
    this.name = 'FormError';
  }
}

export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    assign(root, pathOf(key), value, key);
  }
  return arraysOf(root) as FormObject;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new FormError(`Invalid URL encoding: ${text}`, text);
  }
}

/** `a[b][0]` → ['a', 'b', '0']; `a[]` → ['a', ''] (append). */
function pathOf(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) throw new FormError(`Invalid parameter name: ${key}`, key);
  const segments = [...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!);
  return [match[1]!, ...segments];
}

function assign(target: FormObject, path: string[], value: string, key: string): void {
  const [head, ...rest] = path;
  const name = head === '' ? String(Object.keys(target).length) : head!;
  if (rest.length === 0) {
    if (typeof target[name] === 'object') throw new FormError(`Invalid hash or array: ${key}`, key);
    target[name] = value;
    return;
  }
  const child = (target[name] ??= {});
  if (typeof child !== 'object' || Array.isArray(child)) throw new FormError(`Invalid hash or array: ${key}`, key);
  assign(child, rest, value, key);
}

/** Objects keyed 0..n-1 become arrays, as Stripe reads `payment_method_types[0]=card`. */
function arraysOf(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted = Object.fromEntries(keys.map((k) => [k, arraysOf(value[k]!)]));
  const indexed = keys.length > 0 && keys.every((k, i) => k === String(i));
  return indexed ? keys.map((k) => converted[k]!) : converted;
}
