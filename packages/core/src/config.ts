import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment with one zod schema. Every invalid variable is reported at once, named,
 * so a bad start-up says exactly what to fix.
 */
export function parseConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** Prints a ConfigError and exits; any other error is rethrown. For `main` entry points. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\nFix the variables above (see README.md, "Configuration") and start again.\n`);
    process.exit(1);
  }
  throw error;
}

/** Empty strings count as unset, so `FOO=` in a .env file means "use the default". */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

export const env = {
  port: (fallback: number) => z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(fallback)),
  string: () => z.preprocess(unsetIfEmpty, z.string()),
  optionalString: () => z.preprocess(unsetIfEmpty, z.string().optional()),
  url: () => z.preprocess(unsetIfEmpty, z.url({ message: 'must be a URL' })),
  optionalUrl: () => z.preprocess(unsetIfEmpty, z.url({ message: 'must be a URL' }).optional()),
  int: (fallback: number) => z.preprocess(unsetIfEmpty, z.coerce.number().int().default(fallback)),
  number: (fallback: number) => z.preprocess(unsetIfEmpty, z.coerce.number({ message: 'must be a number' }).default(fallback)),
  bool: (fallback: boolean) =>
    z.preprocess(
      unsetIfEmpty,
      z
        .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
        .default(fallback ? 'true' : 'false')
        .transform((v) => v === 'true' || v === '1' || v === 'yes'),
    ),
  csv: () =>
    z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .optional()
        .transform((v) =>
          v
            ? v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean)
            : undefined,
        ),
    ),
  nodeEnv: () => z.preprocess(unsetIfEmpty, z.enum(['development', 'production', 'test']).default('development')),
  logLevel: () => z.preprocess(unsetIfEmpty, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
};
