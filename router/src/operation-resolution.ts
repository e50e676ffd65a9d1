import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * A document with several operations and no (or an unknown) `operationName` resolves to no
 * operation. Apollo Server leaves that to the executor, and @apollo/gateway throws a plain error
 * for it, which reached clients as a 500 INTERNAL_SERVER_ERROR. It is the caller's mistake: answer
 * 400 OPERATION_RESOLUTION_FAILURE before any planning, as a server without a gateway would.
 */
export const requireResolvedOperation: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (operation) return;
        const message = request.operationName
          ? `Unknown operation named "${request.operationName.slice(0, 100)}".`
          : 'Must provide operation name if query contains multiple operations.';
        throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
      },
    };
  },
};
