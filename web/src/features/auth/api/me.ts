import { useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import { useSessionState } from '@/lib/session';

export const MeQuery = graphql(`
  query Me {
    me {
      id
      displayName
      email
      role
    }
  }
`);

/** The signed-in user from the Apollo cache, and where the session stands. */
export function useViewer() {
  const session = useSessionState();
  const signedIn = session.status === 'signed-in';
  const { data } = useQuery(MeQuery, { skip: !signedIn });
  return { status: session.status, viewer: signedIn ? (data?.me ?? undefined) : undefined };
}
