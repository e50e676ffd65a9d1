import { signingKeyColumns, signingKeyStore, type Db } from '@sbor/db';
import { usersSchema } from './schema.js';

/**
 * Ed25519 keys that sign access tokens. Kept in the database so every replica signs with the same
 * key and the JWKS lists the same keys; a retired key stays published until its tokens expire.
 */
export const signingKeys = usersSchema.table('signing_keys', signingKeyColumns());

/** The store of these keys: the key ring reads it, the operator's `npm run keys` rotates them. */
export const accessKeyStore = (db: Db) => signingKeyStore(db, signingKeys, 'users.signing_keys');
