import { subgraphCodegen } from '../../codegen.subgraph.js';

export default subgraphCodegen({
  contextType: '../context.js#TicketsContext',
  mappers: {
    Ticket: '../domain/views.js#TicketView',
    TicketType: '../domain/views.js#TicketTypeView',
    Event: '../domain/views.js#EventRef',
    User: '../domain/views.js#UserRef',
    EventSalesStats: '../domain/views.js#SalesStatsView',
    TicketTypeSales: '../domain/views.js#TypeSalesView',
    TicketValidation: '../domain/views.js#ValidationView',
    Order: '../domain/views.js#OrderView',
    OrderLine: '../domain/views.js#OrderLineView',
    Payment: '../domain/views.js#PaymentView',
    Refund: '../domain/views.js#RefundView',
    OrderConnection: '../domain/views.js#OrderConnectionView',
    Voucher: '../domain/views.js#VoucherView',
    Question: '../domain/views.js#QuestionView',
    Answer: '../domain/views.js#AnswerView',
    WaitingListEntry: '../domain/views.js#WaitingListEntryView',
    DoorStaff: '../domain/views.js#DoorStaffView',
    CheckIn: '../domain/views.js#CheckInView',
    CheckInConnection: '../domain/views.js#CheckInConnectionView',
  },
});
