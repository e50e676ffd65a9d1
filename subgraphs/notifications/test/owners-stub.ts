/**
 * The tickets, events and users services' internal routes as notifications calls them, on one
 * port: what the tests put in the maps is the truth those services would tell.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderNames } from '@sbor/core';
import type { EmailTicket } from '../src/clients/tickets.js';

export async function startOwnersStub(routerSecret: string) {
  const events = new Map<string, { status: string; organizerId: string }>();
  const users = new Map<string, string>();
  /** Users whose address the users service has verified. */
  const verified = new Set<string>();
  const tickets = new Map<string, EmailTicket & { ownerId: string }>();
  const server = http.createServer((req, res) => {
    if (req.headers[HeaderNames.routerSecret] !== routerSecret) return void res.writeHead(401).end();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (body: unknown, status = 200) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const event = /^\/internal\/events\/([^/?]+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && event) {
        const found = events.get(decodeURIComponent(event[1]!));
        return found ? json({ id: event[1], ...found }) : json({ error: 'NOT_FOUND' }, 404);
      }
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      if (req.url === '/internal/users/by-email') {
        const id = users.get(String(body.email));
        return id ? json({ id, displayName: 'Someone', emailVerified: verified.has(id) }) : json({ error: 'NOT_FOUND' }, 404);
      }
      if (req.url === '/internal/users/names') {
        const known = new Set([...users.values(), ...verified]);
        const ids = (body.ids as string[]).filter((id) => known.has(id));
        return json({ users: ids.map((id) => ({ id, displayName: 'Someone', emailVerified: verified.has(id) })) });
      }
      if (req.url === '/internal/tickets/for-email') {
        const mine = [...tickets.values()].filter((t) => t.ownerId === body.userId).map(({ ownerId: _o, ...t }) => t);
        return json({ tickets: mine });
      }
      json({ error: 'NOT_FOUND' }, 404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    events,
    users,
    verified,
    tickets,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type OwnersStub = Awaited<ReturnType<typeof startOwnersStub>>;
