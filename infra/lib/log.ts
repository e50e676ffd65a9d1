/** Progress lines and failures of the infra scripts: `[infra] kafka: ready on … (4.1 s)`. */

/** A failure the user can fix: `hint` says what to do next. */
export class InfraError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    /** Several independent failures reported together (e.g. PostgreSQL and Redis both down). */
    readonly causes: InfraError[] = [],
  ) {
    super(message);
    this.name = 'InfraError';
  }
}

function report(error: InfraError): void {
  console.error(`[infra] ✗ ${error.message.replace(/\n/g, '\n[infra]   ')}`);
  if (error.hint) console.error(`[infra]   → ${error.hint.replace(/\n/g, '\n[infra]     ')}`);
  error.causes.forEach(report);
}

export function log(line: string): void {
  console.log(`[infra] ${line}`);
}

/** Seconds since `startedAt` (from `performance.now()`), one decimal: `4.1 s`. */
export function elapsed(startedAt: number): string {
  return `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a script's body and exits: 0 on success, 1 with the error and its hint on failure.
 * Exits explicitly so a stray socket (a client that failed to connect) cannot keep the process up.
 */
export function runScript(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof InfraError) {
        report(error);
      } else {
        console.error('[infra] ✗ unexpected failure:', error);
      }
      process.exit(1);
    },
  );
}
