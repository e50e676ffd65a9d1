import { ApolloProvider } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { apiEndpoints, createApolloClient } from '@/lib/apollo';
import { I18nProvider } from '@/lib/i18n';
import { clearOfflineCopies } from '@/lib/offline/offline-copy';
import { createBrowserSession, SessionProvider, type SessionState } from '@/lib/session';

const endpoints = apiEndpoints();
const session = createBrowserSession(endpoints.http);
const { client, subscriptions } = createApolloClient(endpoints, session);

/** Who the cached data belongs to; undefined while the stored session is being restored. */
const identityOf = (state: SessionState) =>
  state.status === 'restoring' ? undefined : state.status === 'signed-in' ? state.claims.userId : '';

let identity = identityOf(session.getState());
session.subscribe(() => {
  const next = identityOf(session.getState());
  if (next === identity || next === undefined) return;
  const known = identity !== undefined;
  identity = next;
  // Signed out here, in another tab, or because the session ended: the saved tickets go with it.
  if (next === '') clearOfflineCopies();
  if (!known) return; // the first answer after a page load: nothing was fetched as anyone else
  // Someone else now (signed in, out, or as another user in another tab): nothing cached for the
  // last one may show, and the live socket must carry the new token.
  subscriptions.terminate();
  void client.resetStore();
});
void session.restore();

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <SessionProvider session={session}>
        <ApolloProvider client={client}>{children}</ApolloProvider>
      </SessionProvider>
    </I18nProvider>
  );
}
