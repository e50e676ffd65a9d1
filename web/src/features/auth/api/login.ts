import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import { useSession } from '@/lib/session';

const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      refreshToken
    }
  }
`);

/** Signs in and keeps the session; the error, if any, is for `errorMessage`. */
export function useLogin() {
  const session = useSession();
  const [login, { loading, error }] = useMutation(LoginMutation);
  const submit = async (email: string, password: string) => {
    const { data } = await login({ variables: { email, password } });
    if (data) await session.signIn(data.login);
    return Boolean(data);
  };
  return { submit, loading, error };
}
