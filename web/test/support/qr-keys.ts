import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { signQrPayload, type PublicQrKey } from '../../../subgraphs/tickets/src/domain/qr-payload';

/**
 * Test support: a QR signing key as the tickets service makes one, and payloads signed by the
 * tickets service's own `signQrPayload`, so the door's decoder is checked against the real encoder.
 */
export function qrKey(): { kid: string; privateKey: KeyObject; publicJwk: PublicQrKey } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const kid = randomBytes(8).toString('hex');
  const { x } = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: x!, kid, alg: 'EdDSA', use: 'sig' } };
}

export interface TicketRecord {
  ticketId: string;
  eventId: string;
  ticketTypeId: string;
  validFrom: Date;
  validUntil: Date;
}

export function ticketRecord(overrides: Partial<TicketRecord> = {}): TicketRecord {
  const hour = 60 * 60 * 1000;
  return {
    ticketId: randomUUID(),
    eventId: randomUUID(),
    ticketTypeId: randomUUID(),
    validFrom: new Date(Date.now() - hour),
    validUntil: new Date(Date.now() + 48 * hour),
    ...overrides,
  };
}

export const signedPayload = (record: TicketRecord, key: ReturnType<typeof qrKey>) =>
  signQrPayload({ ...record, kid: key.kid }, key.privateKey);
