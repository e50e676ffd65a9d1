import type { ApolloServer } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { httpGraphQLRequestOf, writeHttpGraphQLResponse } from '@sbor/core';
import { requestContextOf, type RouterContext } from './context.js';

/**
 * Apollo's express integration without its `url.parse` per request. A GET keeps express's
 * `res.send` (ETag, 304): a public read can be cached; a POST's answer never is.
 */
export function graphqlRoute(apollo: ApolloServer<RouterContext>) {
  return (req: Request, res: Response, next: NextFunction) => {
    apollo
      .executeHTTPGraphQLRequest({
        httpGraphQLRequest: httpGraphQLRequestOf(req, req.body),
        context: () => Promise.resolve(requestContextOf(res)),
      })
      .then((answer) => writeHttpGraphQLResponse(res, answer, req.method === 'GET' ? (body) => void res.send(body) : undefined))
      .catch(next);
  };
}
