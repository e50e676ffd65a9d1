import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import type { RegisterInput } from '@/__generated__/graphql';
import { useSession } from '@/lib/session';

const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      refreshToken
    }
  }
`);

/** Creates the account and signs it in. */
export function useRegister() {
  const session = useSession();
  const [register, { loading, error }] = useMutation(RegisterMutation);
  const submit = async (input: RegisterInput) => {
    const { data } = await register({ variables: { input } });
    if (data) await session.signIn(data.register);
    return Boolean(data);
  };
  return { submit, loading, error };
}
