import type { RequestBase } from '@sbor/kit';
import type { Checkout } from './domain/checkout.js';
import type { Door } from './domain/door.js';
import type { DoorStaffing } from './domain/door-staff.js';
import type { OrderReader } from './domain/order-reader.js';
import type { Ordering } from './domain/ordering.js';
import type { Questions } from './domain/questions.js';
import type { TicketReader } from './domain/reading.js';
import type { Refunding } from './domain/refunding.js';
import type { ScanLog } from './domain/scan-log.js';
import type { TicketTypes } from './domain/ticket-types.js';
import type { Vouchers } from './domain/vouchers.js';
import type { WaitingList } from './domain/waiting-list.js';
import type { LiveStock } from './live/live-stock.js';
import type { Loaders } from './loaders.js';

export interface TicketsContext extends RequestBase {
  ticketTypes: TicketTypes;
  ordering: Ordering;
  checkout: Checkout;
  refunding: Refunding;
  reader: TicketReader;
  orderReader: OrderReader;
  door: Door;
  vouchers: Vouchers;
  questions: Questions;
  waitingList: WaitingList;
  doorStaffing: DoorStaffing;
  scanLog: ScanLog;
  /** `ticketAvailabilityChanged`: one per instance, shared by every watcher. */
  liveStock: LiveStock;
  /** Per request, so batching never mixes two viewers' answers. */
  loaders: Loaders;
}
