import type { Request, Response } from 'express';
import type { ServiceMetrics } from '@sbor/core';
import { requestContextOf } from '../context.js';
import type { ResponseMemo } from './memo.js';
import { cacheOutcomes } from './plugin.js';
import { responseKeyOrNone, type ResponseStore } from './store.js';

export interface ResponseFastPath {
  /** Answers the request and returns true, or returns false and leaves it untouched for Apollo Server. */
  answer(req: Request, res: Response): boolean;
  /** What Apollo Server answered to a request the fast path left to it: its content type for that `Accept`. */
  observe(req: Request, status: number | undefined, contentType: string | undefined): void;
}

/** Distinct `Accept` values remembered; clients send a handful, a flood of odd ones starts it over. */
const MAX_ACCEPT_VALUES = 100;

/** The operation as Apollo Server reads it from the request, when nothing in it needs Apollo's judgement. */
interface PlainRead {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

/**
 * A repeat anonymous read answered from the memo before Apollo Server sees it: no parsing,
 * validation, plugins, cache round trip or JSON work, only a hash of the text. Anything the memo
 * cannot answer exactly as Apollo Server would (a signed-in caller, a persisted-query hash, an
 * `Accept` it has not seen Apollo Server answer with JSON, a request Apollo would refuse) goes on to Apollo unchanged. An entry exists only
 * for an answer Apollo Server gave to the same text, variables and name under the current
 * generation, so its checks (safelist, limits, validation) were passed already.
 */
export function createResponseFastPath({
  store,
  memo,
  metrics,
}: {
  store: ResponseStore;
  memo: ResponseMemo;
  metrics: ServiceMetrics;
}): ResponseFastPath {
  const outcomes = cacheOutcomes(metrics);
  // The content type Apollo Server chose for each `Accept` value (graphql-response+json for Apollo
  // Client, JSON for curl): the fast path answers only what it has seen negotiated, the same way.
  const contentTypes = new Map<string, string>();
  return {
    answer(req, res) {
      // The rule of `authenticateAtEdge` and the plugin: no Authorization header is anonymous.
      if (req.headers.authorization || requestContextOf(res).viewer) return false;
      const contentType = contentTypes.get(negotiationKey(req));
      if (contentType === undefined) return false;
      const read = plainReadOf(req);
      if (!read) return false;
      const generation = store.currentGeneration();
      if (generation === undefined) return false;
      const now = Date.now();
      const key = responseKeyOrNone(generation, read.query, read.variables, read.operationName);
      const entry = key === undefined ? undefined : memo.lookup(generation, key, now);
      if (!entry) return false;
      outcomes.inc({ result: 'hit' });
      requestContextOf(res).accessLog.operationName = entry.operationName;
      res.status(200);
      res.setHeader('content-type', contentType);
      res.setHeader('cache-control', `public, max-age=${Math.floor((entry.expiresAt - now) / 1000)}`);
      // As `graphqlRoute` writes Apollo's answers: a GET through express's `send` for its ETag and 304.
      if (req.method === 'GET') res.send(entry.body);
      else res.end(entry.body);
      return true;
    },
    observe(req, status, contentType) {
      // Only JSON answers: a GET that prefers HTML gets the landing page, whatever it asks.
      if ((status ?? 200) !== 200 || !contentType || !JSON_TYPE.test(contentType)) return;
      const key = negotiationKey(req);
      if (contentTypes.get(key) === contentType) return;
      if (contentTypes.size >= MAX_ACCEPT_VALUES) contentTypes.clear();
      contentTypes.set(key, contentType);
    },
  };
}

function plainReadOf(req: Request): PlainRead | undefined {
  if (req.method === 'POST') return postedRead(req);
  if (req.method === 'GET') return queryStringRead(req);
  return undefined;
}

const JSON_TYPE = /^application\/(graphql-response\+)?json\b/i;

/** Apollo Server's choice depends on the method (a GET may get the landing page) and the `Accept` value. */
const negotiationKey = (req: Request) => `${req.method} ${req.headers.accept ?? ''}`;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isEmpty = (value: unknown) => value === undefined || value === null || (isRecord(value) && Object.keys(value).length === 0);

function postedRead(req: Request): PlainRead | undefined {
  // `express.json` parsed it, so the content type was JSON: no CSRF question, and a batch is an array.
  const body: unknown = req.body;
  if (!isRecord(body) || !req.is('application/json')) return undefined;
  const { query, variables, operationName, extensions } = body;
  if (typeof query !== 'string' || !isEmpty(extensions)) return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  return { query, variables: isRecord(variables) ? variables : undefined, operationName: operationName ?? undefined };
}

function queryStringRead(req: Request): PlainRead | undefined {
  // Apollo's CSRF prevention: a GET needs a header a browser form cannot send, and no other content type.
  const contentType = req.headers['content-type'];
  if (contentType !== undefined && !req.is('application/json')) return undefined;
  if (contentType === undefined && !req.headers['apollo-require-preflight'] && !req.headers['x-apollo-operation-name']) return undefined;
  const url = req.originalUrl ?? req.url;
  const params = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?')) : '');
  const once = (name: string) => {
    const values = params.getAll(name);
    return values.length > 1 ? null : values[0];
  };
  const query = once('query');
  const operationName = once('operationName');
  const variablesText = once('variables');
  const extensions = once('extensions');
  if (typeof query !== 'string' || operationName === null || variablesText === null || extensions !== undefined) return undefined;
  let variables: unknown;
  try {
    variables = variablesText === undefined ? undefined : JSON.parse(variablesText);
  } catch {
    return undefined;
  }
  if (variables !== undefined && !isRecord(variables)) return undefined;
  return { query, variables, operationName };
}
