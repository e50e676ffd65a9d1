import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import { useSession } from '@/lib/session';

const BecomeOrganizerMutation = graphql(`
  mutation BecomeOrganizer {
    becomeOrganizer {
      accessToken
      refreshToken
      user {
        id
        role
      }
    }
  }
`);

/**
 * Upgrades the signed-in user. The role lives in the access token, so the answer is a new session:
 * the session keeps it (and tells the other tabs), and the cached user shows the new role.
 */
export function useBecomeOrganizer() {
  const session = useSession();
  const [becomeOrganizer, { loading, error }] = useMutation(BecomeOrganizerMutation);
  const submit = async () => {
    const { data } = await becomeOrganizer();
    if (data) await session.signIn(data.becomeOrganizer);
  };
  return { submit, loading, error };
}
