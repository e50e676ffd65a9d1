import { DateTimeScalar } from '@sbor/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { becomeOrganizer } from './Mutation/becomeOrganizer.js';
import { login } from './Mutation/login.js';
import { logout } from './Mutation/logout.js';
import { refreshToken } from './Mutation/refreshToken.js';
import { register } from './Mutation/register.js';
import { updateProfile } from './Mutation/updateProfile.js';
import { me } from './Query/me.js';
import { User } from './User.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { me },
  Mutation: { register, login, refreshToken, logout, updateProfile, becomeOrganizer },
  User,
};
