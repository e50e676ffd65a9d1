import { Route, Routes } from 'react-router';
import { EventDetailsPage } from './event-details-page';
import { EventLayout } from './event-layout';
import { EventOrderPage } from './event-order-page';
import { EventOrdersPage } from './event-orders-page';
import { CreateEventPage } from './create-event-page';
import { DoorPage } from './door-page';
import { MyEventsPage } from './my-events-page';
import { OrganizerNotFound } from './organizer-not-found';
import { QuestionsPage } from './questions-page';
import { RequireOrganizer } from './require-organizer';
import { SalesPage } from './sales-page';
import { SchedulePage } from './schedule-page';
import { TicketTypesPage } from './ticket-types-page';
import { VouchersPage } from './vouchers-page';
import '../organizer.css';

/**
 * The back office, under /organizer (the app's router sends `organizer/*` here):
 *
 *   /organizer                              my events, by status
 *   /organizer/events/new                   create an event
 *   /organizer/events/:eventId              its details (edit), publish, cancel
 *   /organizer/events/:eventId/schedule     the programme
 *   /organizer/events/:eventId/ticket-types ticket types, and a new one
 *   /organizer/events/:eventId/questions    what each attendee is asked when ordering
 *   /organizer/events/:eventId/orders       orders, by status, paged
 *   /organizer/events/:eventId/orders/:id   one order: refund, mark paid
 *   /organizer/events/:eventId/vouchers     vouchers, and a new one
 *   /organizer/events/:eventId/door         door staff, CSV exports, the scan log
 *   /organizer/events/:eventId/sales        live sales
 */
export function OrganizerPage() {
  return (
    <div className="org">
      <Routes>
        <Route element={<RequireOrganizer />}>
          <Route index element={<MyEventsPage />} />
          <Route path="events/new" element={<CreateEventPage />} />
          <Route path="events/:eventId" element={<EventLayout />}>
            <Route index element={<EventDetailsPage />} />
            <Route path="schedule" element={<SchedulePage />} />
            <Route path="ticket-types" element={<TicketTypesPage />} />
            <Route path="questions" element={<QuestionsPage />} />
            <Route path="orders" element={<EventOrdersPage />} />
            <Route path="orders/:orderId" element={<EventOrderPage />} />
            <Route path="vouchers" element={<VouchersPage />} />
            <Route path="door" element={<DoorPage />} />
            <Route path="sales" element={<SalesPage />} />
          </Route>
          <Route path="*" element={<OrganizerNotFound />} />
        </Route>
      </Routes>
    </div>
  );
}
