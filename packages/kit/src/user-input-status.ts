import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError } from 'graphql';

/** A bad variable, or a literal the DateTime scalar refused while the document was validated. */
const isUserInputError = (error: GraphQLError) =>
  error.extensions.code === 'BAD_USER_INPUT' || (error.originalError as GraphQLError | undefined)?.extensions?.code === 'BAD_USER_INPUT';

/**
 * Apollo Server answers a request whose input fails to coerce (a DateTime that is not ISO-8601)
 * with HTTP 400. The router reads a subgraph's 400 as "router and subgraph disagree" and masks it as
 * INTERNAL_SERVER_ERROR, so a client's typo would look like our fault. Answering 200 lets the
 * router pass the error and its message through to the client.
 */
export function userInputErrorsAsOk<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, errors }) {
          if (response.http.status === 400 && errors !== undefined && errors.length > 0 && errors.every(isUserInputError)) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}
