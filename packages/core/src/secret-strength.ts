import type { z } from 'zod';

/** Shortest secret production accepts: `openssl rand -base64 48` gives 64 characters. */
export const MIN_SECRET_LENGTH = 32;
/** Fewest distinct characters: `aaaa…` or `1212…` is long and still guessable. Hex output has 16. */
const MIN_DISTINCT_CHARACTERS = 10;
export const HOW_TO_MAKE_A_SECRET = 'make one with `openssl rand -base64 48`';

/**
 * Values this repository has published (compose defaults, old and new, and `.env.example`): anyone
 * who read them can sign as the router, so production refuses them whatever their length.
 */
export const KNOWN_PLACEHOLDER_SECRETS: readonly string[] = ['change-me-placeholder-router-secret'];

/** Words that mark a value someone meant to replace; compared with case and punctuation removed. */
const PLACEHOLDER_WORDS = ['changeme', 'placeholder', 'replaceme', 'yoursecret', 'example', 'notasecret', 'insecure'];

/** Why `value` is no secret for production, or undefined when it will do. */
export function secretWeakness(value: string): string | undefined {
  const squeezed = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (KNOWN_PLACEHOLDER_SECRETS.includes(value) || PLACEHOLDER_WORDS.some((word) => squeezed.includes(word))) {
    return 'is a placeholder, which anyone can read';
  }
  if (value.length < MIN_SECRET_LENGTH) return `is too short (${value.length} characters, at least ${MIN_SECRET_LENGTH})`;
  const distinct = new Set(value).size;
  if (distinct < MIN_DISTINCT_CHARACTERS) {
    return `is too weak (${distinct} distinct characters, at least ${MIN_DISTINCT_CHARACTERS})`;
  }
  return undefined;
}

const secretSchemas = new WeakSet<z.ZodType>();

/**
 * Marks a variable as a secret (call it on the described schema): `strongSecretsInProduction` then
 * holds its value to `secretWeakness`, and `.env.example` leaves it empty.
 */
export function secretVariable<T extends z.ZodType>(schema: T): T {
  secretSchemas.add(schema);
  return schema;
}

export const isSecretVariable = (schema: z.ZodType): boolean => secretSchemas.has(schema);

/**
 * The refinement every config schema runs: with `NODE_ENV=production`, each secret variable that is
 * set must be strong. Development keeps its short, well-known defaults so `npm start` needs nothing.
 */
export function strongSecretsInProduction(variables: Record<string, z.ZodType>) {
  const names = Object.keys(variables).filter((name) => isSecretVariable(variables[name]!));
  return (values: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    if (values.NODE_ENV !== 'production') return;
    for (const name of names) {
      const value = values[name];
      const weakness = typeof value === 'string' ? secretWeakness(value) : undefined;
      if (weakness)
        ctx.addIssue({ code: 'custom', path: [name], message: `${weakness}; production needs its own secret: ${HOW_TO_MAKE_A_SECRET}` });
    }
  };
}
