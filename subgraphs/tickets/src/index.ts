export { ticketsSubgraph } from './subgraph.js';
export { ticketsSettings, type TicketsSettings } from './config.js';
export { createEventsClient, type EventInfo, type EventsClient } from './clients/events.js';
export { verifyQrPayload, decodeQrPayload, type PublicQrKey, type QrRecord } from './domain/qr-payload.js';
export { rotateQrKey } from './domain/key-ring.js';
export { TICKETS_CONSUMER_GROUP } from './messaging/cancellation.js';
