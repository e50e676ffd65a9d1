import type { DoorLoginMutation, DoorLoginMutationVariables } from '@/__generated__/graphql';
import type { DoorApi } from './client';

const DoorLogin = /* GraphQL */ `
  mutation DoorLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      refreshToken
      user {
        id
        role
      }
    }
  }
`;

export const login = (api: DoorApi, variables: DoorLoginMutationVariables) => api.anonymous<DoorLoginMutation>(DoorLogin, variables);
