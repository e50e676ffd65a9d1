import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      displayName
    }
  }
`);

/** Renames the signed-in user; the header and every cached `User` take the new name from the answer. */
export function useUpdateProfile() {
  const [update, { loading, error }] = useMutation(UpdateProfileMutation);
  const rename = async (displayName: string) => Boolean((await update({ variables: { input: { displayName } } })).data);
  return { rename, loading, error };
}
