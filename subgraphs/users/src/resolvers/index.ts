import { DateTimeScalar } from '@sbor/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { becomeOrganizer } from './Mutation/becomeOrganizer.js';
import { login } from './Mutation/login.js';
import { logout } from './Mutation/logout.js';
import { refreshToken } from './Mutation/refreshToken.js';
import { register } from './Mutation/register.js';
import { requestEmailVerification } from './Mutation/requestEmailVerification.js';
import { requestPasswordReset } from './Mutation/requestPasswordReset.js';
import { resetPassword } from './Mutation/resetPassword.js';
import { verifyEmail } from './Mutation/verifyEmail.js';
import { updateProfile } from './Mutation/updateProfile.js';
import { me } from './Query/me.js';
import { User } from './User.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { me },
  Mutation: {
    register,
    verifyEmail,
    requestEmailVerification,
    requestPasswordReset,
    resetPassword,
    login,
    refreshToken,
    logout,
    updateProfile,
    becomeOrganizer,
  },
  User,
};
