import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createErrorFormatter, ErrorCode, type Logger } from '@sbor/core';

const INTERNAL_MESSAGE = 'Something went wrong on our side. Please try again.';

/** Extensions that only help whoever runs the servers; `serviceName` is kept in development. */
const INTERNAL_EXTENSIONS = ['stacktrace', 'exception', 'response'];

/**
 * @sbor/core's formatter, plus what only the edge has to care about: errors relayed from a
 * subgraph arrive as plain JSON (not Error objects), so a subgraph that leaked a message or stack
 * with INTERNAL_SERVER_ERROR would pass straight through. The router is the last line, so it masks
 * those too and strips extensions that describe the inside of the platform.
 */
export function createRouterErrorFormatter(logger: Logger, options: { production: boolean }) {
  const format = createErrorFormatter(logger);
  const hidden = options.production ? [...INTERNAL_EXTENSIONS, 'serviceName'] : INTERNAL_EXTENSIONS;

  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isPersistedQueryHashMismatch(error))
      return { message: 'The persisted query hash is not the sha256 of the query.', extensions: { code: 'BAD_REQUEST' } };
    const result = format(formatted, error);
    const extensions = { ...result.extensions };
    if (extensions.code === ErrorCode.INTERNAL_SERVER_ERROR) {
      if (result.message !== INTERNAL_MESSAGE) {
        logger.error(
          { message: result.message, path: result.path, subgraph: extensions.serviceName },
          'subgraph reported an internal error',
        );
      }
      return {
        message: INTERNAL_MESSAGE,
        path: result.path,
        locations: result.locations,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      };
    }
    for (const key of hidden) delete extensions[key];
    return { ...result, extensions };
  };
}

/**
 * Apollo Server refuses a text sent with a hash that is not its own with an error that has no code,
 * which would reach the client masked as INTERNAL_SERVER_ERROR although it is the client's mistake.
 */
function isPersistedQueryHashMismatch(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions.code === undefined && error.message === 'provided sha does not match query';
}
