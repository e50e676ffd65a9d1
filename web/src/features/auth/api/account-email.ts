import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const VerifyEmailMutation = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token)
  }
`);

const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`);

export const useVerifyEmail = () => useMutation(VerifyEmailMutation);
export const useRequestPasswordReset = () => useMutation(RequestPasswordResetMutation);
export const useResetPassword = () => useMutation(ResetPasswordMutation);
