import type { ApolloServer } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { httpGraphQLRequestOf, writeHttpGraphQLResponse } from '@sbor/core';
import { requestContextOf, type RouterContext } from './context.js';
import type { ResponseFastPath } from './response-cache/fast-path.js';

/**
 * Apollo's express integration without its `url.parse` per request. A GET keeps express's
 * `res.send` (ETag, 304): a public read can be cached; a POST's answer never is. `fastPath` (the
 * response cache's) may answer a repeat anonymous read first, without Apollo.
 */
export function graphqlRoute(apollo: ApolloServer<RouterContext>, fastPath?: ResponseFastPath) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (fastPath?.answer(req, res)) return;
    apollo
      .executeHTTPGraphQLRequest({
        httpGraphQLRequest: httpGraphQLRequestOf(req, req.body),
        context: () => Promise.resolve(requestContextOf(res)),
      })
      .then((answer) => {
        fastPath?.observe(req, answer.status, answer.headers.get('content-type'));
        writeHttpGraphQLResponse(res, answer, req.method === 'GET' ? (body) => void res.send(body) : undefined);
      })
      .catch(next);
  };
}
