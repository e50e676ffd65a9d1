import { signingKeyColumns, signingKeyStore, type Db } from '@sbor/db';
import { ticketsSchema } from './schema.js';

/**
 * Ed25519 keys that sign QR payloads. In the database so every replica signs with the same key.
 * A retired key signs nothing new and verifies until its grace ends (the operator chooses it when
 * rotating); its tickets get codes from the new key when their holders next open them.
 */
export const qrSigningKeys = ticketsSchema.table('qr_signing_keys', signingKeyColumns());

/** The store of these keys: the key ring reads it, the operator's `npm run keys` rotates them. */
export const qrKeyStore = (db: Db) => signingKeyStore(db, qrSigningKeys, 'tickets.qr_signing_keys');
