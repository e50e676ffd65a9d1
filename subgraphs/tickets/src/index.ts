export { ticketsSubgraph } from './subgraph.js';
export { ticketsSettings, type TicketsSettings } from './config.js';
export { createEventsClient, type EventInfo, type EventsClient } from './clients/events.js';
export { verifyQrPayload, decodeQrPayload, type PublicQrKey, type QrRecord } from './domain/qr-payload.js';
export { newQrKey, QR_KEY_RELOAD_MS, QR_KEY_ROTATION } from './domain/key-ring.js';
export { qrKeyStore } from './db/signing-keys.js';
export { TICKETS_CONSUMER_GROUP } from './messaging/cancellation.js';
