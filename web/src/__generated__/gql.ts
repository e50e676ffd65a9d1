/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n": typeof types.VerifyEmailDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      role\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation CancelOrder($orderId: ID!) {\n    cancelOrder(orderId: $orderId) {\n      id\n      status\n      expiresAt\n      payment {\n        id\n        status\n      }\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  mutation Checkout($orderId: ID!, $provider: PaymentProvider!) {\n    checkout(orderId: $orderId, provider: $provider) {\n      id\n      provider\n      status\n      checkoutUrl\n      instructions\n    }\n  }\n": typeof types.CheckoutDocument,
    "\n  query MyOrders($first: Int, $after: String) {\n    myOrders(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          totalCents\n          currency\n          createdAt\n          lines {\n            quantity\n          }\n          event {\n            id\n            title\n            startsAt\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MyOrdersDocument,
    "\n  query OrderDetails($id: ID!) {\n    order(id: $id) {\n      id\n      number\n      status\n      totalCents\n      currency\n      expiresAt\n      createdAt\n      event {\n        id\n        title\n        venue\n        startsAt\n        endsAt\n      }\n      lines {\n        quantity\n        unitPriceCents\n        discountCents\n        ticketType {\n          id\n          name\n        }\n      }\n      payment {\n        id\n        provider\n        status\n        checkoutUrl\n        instructions\n      }\n      tickets {\n        id\n        code\n        status\n        qrCodeSvg\n        attendeeName\n        answers {\n          questionId\n          label\n          kind\n          value\n        }\n        ticketType {\n          id\n          name\n        }\n      }\n      refunds {\n        id\n        amountCents\n        reason\n        status\n        createdAt\n        tickets {\n          id\n          code\n        }\n      }\n    }\n  }\n": typeof types.OrderDetailsDocument,
    "\n  mutation DoorCheckInTicket($code: String!, $eventId: ID!) {\n    checkInTicket(code: $code, eventId: $eventId) {\n      id\n      checkedInAt\n      attendeeName\n      ticketType {\n        name\n      }\n      owner {\n        displayName\n      }\n    }\n  }\n": typeof types.DoorCheckInTicketDocument,
    "\n  mutation DoorLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      user {\n        id\n        role\n      }\n    }\n  }\n": typeof types.DoorLoginDocument,
    "\n  query DoorEvents($organizer: Boolean!) {\n    myEvents(status: PUBLISHED) @include(if: $organizer) {\n      id\n      title\n      venue\n      startsAt\n      endsAt\n      ticketTypes {\n        id\n        name\n      }\n    }\n    myDoorEvents {\n      id\n      title\n      venue\n      startsAt\n      endsAt\n      status\n      ticketTypes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.DoorEventsDocument,
    "\n  query DoorRevokedTickets($eventId: ID!, $after: String) {\n    revokedTickets(eventId: $eventId, after: $after) {\n      revoked {\n        ticketId\n        code\n      }\n      cursor\n      complete\n    }\n  }\n": typeof types.DoorRevokedTicketsDocument,
    "\n  mutation DoorUndoCheckIn($ticketId: ID!) {\n    undoCheckIn(ticketId: $ticketId) {\n      id\n      status\n    }\n  }\n": typeof types.DoorUndoCheckInDocument,
    "\n  mutation DoorValidateTicket($code: String!, $eventId: ID!) {\n    validateTicket(code: $code, eventId: $eventId) {\n      valid\n      reason\n      ticket {\n        id\n        status\n        checkedInAt\n        attendeeName\n        ticketType {\n          name\n        }\n        owner {\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.DoorValidateTicketDocument,
    "\n  query Categories {\n    categories {\n      id\n      name\n    }\n  }\n": typeof types.CategoriesDocument,
    "\n  query EventDetails($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      venue\n      startsAt\n      endsAt\n      status\n      cancellationReason\n      category {\n        id\n        name\n      }\n      organizer {\n        id\n        displayName\n      }\n      schedule {\n        id\n        title\n        startsAt\n        endsAt\n        speaker\n        location\n      }\n      ticketTypes {\n        id\n        name\n        priceCents\n        currency\n        available\n        maxPerUser\n        salesStart\n        salesEnd\n      }\n      questions {\n        id\n        label\n        kind\n        required\n        options\n      }\n    }\n  }\n": typeof types.EventDetailsDocument,
    "\n  query EventAvailability($id: ID!) {\n    event(id: $id) {\n      id\n      ticketTypes {\n        id\n        available\n      }\n    }\n  }\n": typeof types.EventAvailabilityDocument,
    "\n  subscription EventAvailabilityChanged($eventId: ID!) {\n    ticketAvailabilityChanged(eventId: $eventId) {\n      id\n      available\n    }\n  }\n": typeof types.EventAvailabilityChangedDocument,
    "\n  query EventTicketTypesForVoucher($id: ID!, $voucherCode: String!) {\n    event(id: $id) {\n      id\n      ticketTypes(voucherCode: $voucherCode) {\n        id\n        name\n        priceCents\n        currency\n        available\n        maxPerUser\n        salesStart\n        salesEnd\n      }\n    }\n  }\n": typeof types.EventTicketTypesForVoucherDocument,
    "\n  query Events($filter: EventFilter, $first: Int, $after: String) {\n    events(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          venue\n          startsAt\n          endsAt\n          category {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.EventsDocument,
    "\n  mutation ReserveTickets($input: OrderInput!) {\n    reserveTickets(input: $input) {\n      id\n      status\n      expiresAt\n    }\n  }\n": typeof types.ReserveTicketsDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n": typeof types.NotificationAddedDocument,
    "\n  fragment NotificationFields on Notification {\n    id\n    type\n    title\n    body\n    read\n    createdAt\n    event {\n      id\n      title\n    }\n    ticket {\n      id\n      order {\n        id\n      }\n    }\n  }\n": typeof types.NotificationFieldsFragmentDoc,
    "\n  query UnreadCount {\n    unreadCount\n  }\n": typeof types.UnreadCountDocument,
    "\n  query RecentNotifications($first: Int!) {\n    notifications(first: $first) {\n      edges {\n        node {\n          ...NotificationFields\n        }\n      }\n    }\n  }\n": typeof types.RecentNotificationsDocument,
    "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      read\n    }\n  }\n": typeof types.MarkNotificationReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": typeof types.MarkAllNotificationsReadDocument,
    "\n  query NotificationPreferences {\n    notificationPreferences {\n      email\n      push\n      inApp\n      mutedTypes\n    }\n  }\n": typeof types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreferences($input: PreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      email\n      push\n      inApp\n      mutedTypes\n    }\n  }\n": typeof types.UpdateNotificationPreferencesDocument,
    "\n  mutation BecomeOrganizer {\n    becomeOrganizer {\n      accessToken\n      refreshToken\n      user {\n        id\n        role\n      }\n    }\n  }\n": typeof types.BecomeOrganizerDocument,
    "\n  mutation OrganizerCancelEvent($id: ID!, $reason: String) {\n    cancelEvent(id: $id, reason: $reason) {\n      ...OrganizerEventFields\n    }\n  }\n": typeof types.OrganizerCancelEventDocument,
    "\n  query OrganizerCategories {\n    categories {\n      id\n      name\n      slug\n    }\n  }\n": typeof types.OrganizerCategoriesDocument,
    "\n  mutation OrganizerCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n      slug\n    }\n  }\n": typeof types.OrganizerCreateCategoryDocument,
    "\n  mutation OrganizerCreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      ...OrganizerEventFields\n    }\n  }\n": typeof types.OrganizerCreateEventDocument,
    "\n  mutation OrganizerCreateTicketType($eventId: ID!, $input: CreateTicketTypeInput!) {\n    createTicketType(eventId: $eventId, input: $input) {\n      id\n      name\n      priceCents\n      currency\n      quantity\n      sold\n      held\n      available\n      maxPerUser\n      hidden\n      salesStart\n      salesEnd\n      event {\n        id\n        ticketTypes {\n          id\n        }\n      }\n    }\n  }\n": typeof types.OrganizerCreateTicketTypeDocument,
    "\n  query OrganizerDoor($eventId: ID!, $first: Int!, $after: String) {\n    event(id: $eventId) {\n      id\n      doorStaff {\n        email\n        addedAt\n        user {\n          id\n          displayName\n        }\n      }\n      checkIns(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            action\n            result\n            accepted\n            scannedAt\n            scannedBy {\n              id\n              displayName\n            }\n            ticket {\n              id\n              attendeeName\n              ticketType {\n                id\n                name\n              }\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.OrganizerDoorDocument,
    "\n  mutation OrganizerAddDoorStaff($eventId: ID!, $email: String!) {\n    addDoorStaff(eventId: $eventId, email: $email) {\n      email\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.OrganizerAddDoorStaffDocument,
    "\n  mutation OrganizerRemoveDoorStaff($eventId: ID!, $userId: ID!) {\n    removeDoorStaff(eventId: $eventId, userId: $userId)\n  }\n": typeof types.OrganizerRemoveDoorStaffDocument,
    "\n  query OrganizerEventOrders($eventId: ID!, $status: OrderStatus, $first: Int, $after: String) {\n    event(id: $eventId) {\n      id\n      orders(status: $status, first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            number\n            status\n            totalCents\n            currency\n            createdAt\n            buyer {\n              id\n              displayName\n            }\n            lines {\n              quantity\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.OrganizerEventOrdersDocument,
    "\n  fragment OrganizerEventFields on Event {\n    id\n    title\n    description\n    venue\n    startsAt\n    endsAt\n    status\n    publishedAt\n    cancelledAt\n    cancellationReason\n    organizer {\n      id\n    }\n    category {\n      id\n      name\n    }\n    schedule {\n      id\n      title\n      startsAt\n      endsAt\n      speaker\n      location\n    }\n    ticketTypes {\n      id\n      name\n      priceCents\n      currency\n      quantity\n      sold\n      held\n      available\n      maxPerUser\n      hidden\n      salesStart\n      salesEnd\n    }\n  }\n": typeof types.OrganizerEventFieldsFragmentDoc,
    "\n  query OrganizerEvent($id: ID!) {\n    event(id: $id) {\n      ...OrganizerEventFields\n    }\n  }\n": typeof types.OrganizerEventDocument,
    "\n  mutation OrganizerMarkOrderPaid($orderId: ID!) {\n    markOrderPaid(orderId: $orderId) {\n      ...OrganizerOrderFields\n    }\n  }\n": typeof types.OrganizerMarkOrderPaidDocument,
    "\n  query OrganizerMyEvents($status: EventStatus) {\n    myEvents(status: $status) {\n      id\n      title\n      status\n      venue\n      startsAt\n      endsAt\n      category {\n        id\n        name\n      }\n    }\n  }\n": typeof types.OrganizerMyEventsDocument,
    "\n  fragment OrganizerOrderFields on Order {\n    id\n    number\n    status\n    createdAt\n    expiresAt\n    totalCents\n    currency\n    event {\n      id\n    }\n    buyer {\n      id\n      displayName\n      email\n    }\n    lines {\n      ticketType {\n        id\n        name\n      }\n      quantity\n      unitPriceCents\n      discountCents\n    }\n    payment {\n      id\n      provider\n      status\n      amountCents\n      instructions\n      createdAt\n    }\n    tickets {\n      id\n      status\n      checkedInAt\n      attendeeName\n      answers {\n        questionId\n        label\n        kind\n        value\n      }\n      ticketType {\n        id\n        name\n      }\n    }\n    refunds {\n      id\n      amountCents\n      reason\n      status\n      createdAt\n      tickets {\n        id\n      }\n    }\n  }\n": typeof types.OrganizerOrderFieldsFragmentDoc,
    "\n  query OrganizerOrder($id: ID!) {\n    order(id: $id) {\n      ...OrganizerOrderFields\n    }\n  }\n": typeof types.OrganizerOrderDocument,
    "\n  mutation OrganizerPublishEvent($id: ID!) {\n    publishEvent(id: $id) {\n      ...OrganizerEventFields\n    }\n  }\n": typeof types.OrganizerPublishEventDocument,
    "\n  fragment OrganizerQuestion on Question {\n    id\n    label\n    kind\n    required\n    options\n  }\n": typeof types.OrganizerQuestionFragmentDoc,
    "\n  query OrganizerQuestions($eventId: ID!) {\n    event(id: $eventId) {\n      id\n      questions {\n        ...OrganizerQuestion\n      }\n    }\n  }\n": typeof types.OrganizerQuestionsDocument,
    "\n  mutation OrganizerSetQuestions($eventId: ID!, $questions: [QuestionInput!]!) {\n    setQuestions(eventId: $eventId, questions: $questions) {\n      id\n      questions {\n        ...OrganizerQuestion\n      }\n    }\n  }\n": typeof types.OrganizerSetQuestionsDocument,
    "\n  mutation OrganizerRefundOrder($orderId: ID!, $ticketIds: [ID!], $reason: String) {\n    refundOrder(orderId: $orderId, ticketIds: $ticketIds, reason: $reason) {\n      ...OrganizerOrderFields\n    }\n  }\n": typeof types.OrganizerRefundOrderDocument,
    "\n  query OrganizerSalesStats($id: ID!) {\n    event(id: $id) {\n      id\n      salesStats {\n        totalSold\n        held\n        paid\n        refunded\n        checkedIn\n        cancelled\n        revenue {\n          amountCents\n          currency\n        }\n        byType {\n          ticketType {\n            id\n            name\n            priceCents\n            currency\n            quantity\n            available\n          }\n          sold\n          held\n          paid\n          refunded\n          cancelled\n          checkedIn\n          revenueCents\n          currency\n        }\n      }\n    }\n  }\n": typeof types.OrganizerSalesStatsDocument,
    "\n  mutation OrganizerSetSchedule($eventId: ID!, $items: [ScheduleItemInput!]!) {\n    setSchedule(eventId: $eventId, items: $items) {\n      ...OrganizerEventFields\n    }\n  }\n": typeof types.OrganizerSetScheduleDocument,
    "\n  mutation OrganizerUpdateEvent($id: ID!, $input: UpdateEventInput!) {\n    updateEvent(id: $id, input: $input) {\n      ...OrganizerEventFields\n    }\n  }\n": typeof types.OrganizerUpdateEventDocument,
    "\n  query OrganizerVouchers($eventId: ID!) {\n    event(id: $eventId) {\n      id\n      vouchers {\n        ...OrganizerVoucher\n      }\n    }\n  }\n": typeof types.OrganizerVouchersDocument,
    "\n  fragment OrganizerVoucher on Voucher {\n    id\n    code\n    kind\n    value\n    maxUses\n    used\n    validFrom\n    validUntil\n    ticketTypes {\n      id\n      name\n    }\n  }\n": typeof types.OrganizerVoucherFragmentDoc,
    "\n  mutation OrganizerCreateVoucher($eventId: ID!, $input: VoucherInput!) {\n    createVoucher(eventId: $eventId, input: $input) {\n      ...OrganizerVoucher\n      event {\n        id\n        vouchers {\n          id\n        }\n      }\n    }\n  }\n": typeof types.OrganizerCreateVoucherDocument,
    "\n  query MyTickets {\n    me {\n      id\n      tickets {\n        id\n        code\n        status\n        qrCodeSvg\n        purchasedAt\n        checkedInAt\n        attendeeName\n        answers {\n          questionId\n          label\n          kind\n          value\n        }\n        ticketType {\n          id\n          name\n        }\n        event {\n          id\n          title\n          startsAt\n          endsAt\n          venue\n        }\n      }\n    }\n  }\n": typeof types.MyTicketsDocument,
    "\n  fragment WaitingListEntryFields on WaitingListEntry {\n    id\n    quantity\n    position\n    status\n    offerExpiresAt\n    createdAt\n    order {\n      id\n      number\n    }\n    ticketType {\n      id\n      name\n      event {\n        id\n        title\n        startsAt\n      }\n    }\n  }\n": typeof types.WaitingListEntryFieldsFragmentDoc,
    "\n  query MyWaitingList {\n    myWaitingList {\n      ...WaitingListEntryFields\n    }\n  }\n": typeof types.MyWaitingListDocument,
    "\n  mutation JoinWaitingList($ticketTypeId: ID!, $quantity: Int!) {\n    joinWaitingList(ticketTypeId: $ticketTypeId, quantity: $quantity) {\n      ...WaitingListEntryFields\n    }\n  }\n": typeof types.JoinWaitingListDocument,
    "\n  mutation LeaveWaitingList($id: ID!) {\n    leaveWaitingList(id: $id) {\n      ...WaitingListEntryFields\n    }\n  }\n": typeof types.LeaveWaitingListDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation EndSession($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.EndSessionDocument,
    "\n  mutation PlainRefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n    }\n  }\n": typeof types.PlainRefreshSessionDocument,
    "\n  mutation PlainEndSession($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.PlainEndSessionDocument,
};
const documents: Documents = {
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n": types.VerifyEmailDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n    }\n  }\n": types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      role\n    }\n  }\n": types.MeDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation CancelOrder($orderId: ID!) {\n    cancelOrder(orderId: $orderId) {\n      id\n      status\n      expiresAt\n      payment {\n        id\n        status\n      }\n    }\n  }\n": types.CancelOrderDocument,
    "\n  mutation Checkout($orderId: ID!, $provider: PaymentProvider!) {\n    checkout(orderId: $orderId, provider: $provider) {\n      id\n      provider\n      status\n      checkoutUrl\n      instructions\n    }\n  }\n": types.CheckoutDocument,
    "\n  query MyOrders($first: Int, $after: String) {\n    myOrders(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          totalCents\n          currency\n          createdAt\n          lines {\n            quantity\n          }\n          event {\n            id\n            title\n            startsAt\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MyOrdersDocument,
    "\n  query OrderDetails($id: ID!) {\n    order(id: $id) {\n      id\n      number\n      status\n      totalCents\n      currency\n      expiresAt\n      createdAt\n      event {\n        id\n        title\n        venue\n        startsAt\n        endsAt\n      }\n      lines {\n        quantity\n        unitPriceCents\n        discountCents\n        ticketType {\n          id\n          name\n        }\n      }\n      payment {\n        id\n        provider\n        status\n        checkoutUrl\n        instructions\n      }\n      tickets {\n        id\n        code\n        status\n        qrCodeSvg\n        attendeeName\n        answers {\n          questionId\n          label\n          kind\n          value\n        }\n        ticketType {\n          id\n          name\n        }\n      }\n      refunds {\n        id\n        amountCents\n        reason\n        status\n        createdAt\n        tickets {\n          id\n          code\n        }\n      }\n    }\n  }\n": types.OrderDetailsDocument,
    "\n  mutation DoorCheckInTicket($code: String!, $eventId: ID!) {\n    checkInTicket(code: $code, eventId: $eventId) {\n      id\n      checkedInAt\n      attendeeName\n      ticketType {\n        name\n      }\n      owner {\n        displayName\n      }\n    }\n  }\n": types.DoorCheckInTicketDocument,
    "\n  mutation DoorLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      user {\n        id\n        role\n      }\n    }\n  }\n": types.DoorLoginDocument,
    "\n  query DoorEvents($organizer: Boolean!) {\n    myEvents(status: PUBLISHED) @include(if: $organizer) {\n      id\n      title\n      venue\n      startsAt\n      endsAt\n      ticketTypes {\n        id\n        name\n      }\n    }\n    myDoorEvents {\n      id\n      title\n      venue\n      startsAt\n      endsAt\n      status\n      ticketTypes {\n        id\n        name\n      }\n    }\n  }\n": types.DoorEventsDocument,
    "\n  query DoorRevokedTickets($eventId: ID!, $after: String) {\n    revokedTickets(eventId: $eventId, after: $after) {\n      revoked {\n        ticketId\n        code\n      }\n      cursor\n      complete\n    }\n  }\n": types.DoorRevokedTicketsDocument,
    "\n  mutation DoorUndoCheckIn($ticketId: ID!) {\n    undoCheckIn(ticketId: $ticketId) {\n      id\n      status\n    }\n  }\n": types.DoorUndoCheckInDocument,
    "\n  mutation DoorValidateTicket($code: String!, $eventId: ID!) {\n    validateTicket(code: $code, eventId: $eventId) {\n      valid\n      reason\n      ticket {\n        id\n        status\n        checkedInAt\n        attendeeName\n        ticketType {\n          name\n        }\n        owner {\n          displayName\n        }\n      }\n    }\n  }\n": types.DoorValidateTicketDocument,
    "\n  query Categories {\n    categories {\n      id\n      name\n    }\n  }\n": types.CategoriesDocument,
    "\n  query EventDetails($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      venue\n      startsAt\n      endsAt\n      status\n      cancellationReason\n      category {\n        id\n        name\n      }\n      organizer {\n        id\n        displayName\n      }\n      schedule {\n        id\n        title\n        startsAt\n        endsAt\n        speaker\n        location\n      }\n      ticketTypes {\n        id\n        name\n        priceCents\n        currency\n        available\n        maxPerUser\n        salesStart\n        salesEnd\n      }\n      questions {\n        id\n        label\n        kind\n        required\n        options\n      }\n    }\n  }\n": types.EventDetailsDocument,
    "\n  query EventAvailability($id: ID!) {\n    event(id: $id) {\n      id\n      ticketTypes {\n        id\n        available\n      }\n    }\n  }\n": types.EventAvailabilityDocument,
    "\n  subscription EventAvailabilityChanged($eventId: ID!) {\n    ticketAvailabilityChanged(eventId: $eventId) {\n      id\n      available\n    }\n  }\n": types.EventAvailabilityChangedDocument,
    "\n  query EventTicketTypesForVoucher($id: ID!, $voucherCode: String!) {\n    event(id: $id) {\n      id\n      ticketTypes(voucherCode: $voucherCode) {\n        id\n        name\n        priceCents\n        currency\n        available\n        maxPerUser\n        salesStart\n        salesEnd\n      }\n    }\n  }\n": types.EventTicketTypesForVoucherDocument,
    "\n  query Events($filter: EventFilter, $first: Int, $after: String) {\n    events(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          venue\n          startsAt\n          endsAt\n          category {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.EventsDocument,
    "\n  mutation ReserveTickets($input: OrderInput!) {\n    reserveTickets(input: $input) {\n      id\n      status\n      expiresAt\n    }\n  }\n": types.ReserveTicketsDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n": types.NotificationAddedDocument,
    "\n  fragment NotificationFields on Notification {\n    id\n    type\n    title\n    body\n    read\n    createdAt\n    event {\n      id\n      title\n    }\n    ticket {\n      id\n      order {\n        id\n      }\n    }\n  }\n": types.NotificationFieldsFragmentDoc,
    "\n  query UnreadCount {\n    unreadCount\n  }\n": types.UnreadCountDocument,
    "\n  query RecentNotifications($first: Int!) {\n    notifications(first: $first) {\n      edges {\n        node {\n          ...NotificationFields\n        }\n      }\n    }\n  }\n": types.RecentNotificationsDocument,
    "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      read\n    }\n  }\n": types.MarkNotificationReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": types.MarkAllNotificationsReadDocument,
    "\n  query NotificationPreferences {\n    notificationPreferences {\n      email\n      push\n      inApp\n      mutedTypes\n    }\n  }\n": types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreferences($input: PreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      email\n      push\n      inApp\n      mutedTypes\n    }\n  }\n": types.UpdateNotificationPreferencesDocument,
    "\n  mutation BecomeOrganizer {\n    becomeOrganizer {\n      accessToken\n      refreshToken\n      user {\n        id\n        role\n      }\n    }\n  }\n": types.BecomeOrganizerDocument,
    "\n  mutation OrganizerCancelEvent($id: ID!, $reason: String) {\n    cancelEvent(id: $id, reason: $reason) {\n      ...OrganizerEventFields\n    }\n  }\n": types.OrganizerCancelEventDocument,
    "\n  query OrganizerCategories {\n    categories {\n      id\n      name\n      slug\n    }\n  }\n": types.OrganizerCategoriesDocument,
    "\n  mutation OrganizerCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n      slug\n    }\n  }\n": types.OrganizerCreateCategoryDocument,
    "\n  mutation OrganizerCreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      ...OrganizerEventFields\n    }\n  }\n": types.OrganizerCreateEventDocument,
    "\n  mutation OrganizerCreateTicketType($eventId: ID!, $input: CreateTicketTypeInput!) {\n    createTicketType(eventId: $eventId, input: $input) {\n      id\n      name\n      priceCents\n      currency\n      quantity\n      sold\n      held\n      available\n      maxPerUser\n      hidden\n      salesStart\n      salesEnd\n      event {\n        id\n        ticketTypes {\n          id\n        }\n      }\n    }\n  }\n": types.OrganizerCreateTicketTypeDocument,
    "\n  query OrganizerDoor($eventId: ID!, $first: Int!, $after: String) {\n    event(id: $eventId) {\n      id\n      doorStaff {\n        email\n        addedAt\n        user {\n          id\n          displayName\n        }\n      }\n      checkIns(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            action\n            result\n            accepted\n            scannedAt\n            scannedBy {\n              id\n              displayName\n            }\n            ticket {\n              id\n              attendeeName\n              ticketType {\n                id\n                name\n              }\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.OrganizerDoorDocument,
    "\n  mutation OrganizerAddDoorStaff($eventId: ID!, $email: String!) {\n    addDoorStaff(eventId: $eventId, email: $email) {\n      email\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": types.OrganizerAddDoorStaffDocument,
    "\n  mutation OrganizerRemoveDoorStaff($eventId: ID!, $userId: ID!) {\n    removeDoorStaff(eventId: $eventId, userId: $userId)\n  }\n": types.OrganizerRemoveDoorStaffDocument,
    "\n  query OrganizerEventOrders($eventId: ID!, $status: OrderStatus, $first: Int, $after: String) {\n    event(id: $eventId) {\n      id\n      orders(status: $status, first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            number\n            status\n            totalCents\n            currency\n            createdAt\n            buyer {\n              id\n              displayName\n            }\n            lines {\n              quantity\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.OrganizerEventOrdersDocument,
    "\n  fragment OrganizerEventFields on Event {\n    id\n    title\n    description\n    venue\n    startsAt\n    endsAt\n    status\n    publishedAt\n    cancelledAt\n    cancellationReason\n    organizer {\n      id\n    }\n    category {\n      id\n      name\n    }\n    schedule {\n      id\n      title\n      startsAt\n      endsAt\n      speaker\n      location\n    }\n    ticketTypes {\n      id\n      name\n      priceCents\n      currency\n      quantity\n      sold\n      held\n      available\n      maxPerUser\n      hidden\n      salesStart\n      salesEnd\n    }\n  }\n": types.OrganizerEventFieldsFragmentDoc,
    "\n  query OrganizerEvent($id: ID!) {\n    event(id: $id) {\n      ...OrganizerEventFields\n    }\n  }\n": types.OrganizerEventDocument,
    "\n  mutation OrganizerMarkOrderPaid($orderId: ID!) {\n    markOrderPaid(orderId: $orderId) {\n      ...OrganizerOrderFields\n    }\n  }\n": types.OrganizerMarkOrderPaidDocument,
    "\n  query OrganizerMyEvents($status: EventStatus) {\n    myEvents(status: $status) {\n      id\n      title\n      status\n      venue\n      startsAt\n      endsAt\n      category {\n        id\n        name\n      }\n    }\n  }\n": types.OrganizerMyEventsDocument,
    "\n  fragment OrganizerOrderFields on Order {\n    id\n    number\n    status\n    createdAt\n    expiresAt\n    totalCents\n    currency\n    event {\n      id\n    }\n    buyer {\n      id\n      displayName\n      email\n    }\n    lines {\n      ticketType {\n        id\n        name\n      }\n      quantity\n      unitPriceCents\n      discountCents\n    }\n    payment {\n      id\n      provider\n      status\n      amountCents\n      instructions\n      createdAt\n    }\n    tickets {\n      id\n      status\n      checkedInAt\n      attendeeName\n      answers {\n        questionId\n        label\n        kind\n        value\n      }\n      ticketType {\n        id\n        name\n      }\n    }\n    refunds {\n      id\n      amountCents\n      reason\n      status\n      createdAt\n      tickets {\n        id\n      }\n    }\n  }\n": types.OrganizerOrderFieldsFragmentDoc,
    "\n  query OrganizerOrder($id: ID!) {\n    order(id: $id) {\n      ...OrganizerOrderFields\n    }\n  }\n": types.OrganizerOrderDocument,
    "\n  mutation OrganizerPublishEvent($id: ID!) {\n    publishEvent(id: $id) {\n      ...OrganizerEventFields\n    }\n  }\n": types.OrganizerPublishEventDocument,
    "\n  fragment OrganizerQuestion on Question {\n    id\n    label\n    kind\n    required\n    options\n  }\n": types.OrganizerQuestionFragmentDoc,
    "\n  query OrganizerQuestions($eventId: ID!) {\n    event(id: $eventId) {\n      id\n      questions {\n        ...OrganizerQuestion\n      }\n    }\n  }\n": types.OrganizerQuestionsDocument,
    "\n  mutation OrganizerSetQuestions($eventId: ID!, $questions: [QuestionInput!]!) {\n    setQuestions(eventId: $eventId, questions: $questions) {\n      id\n      questions {\n        ...OrganizerQuestion\n      }\n    }\n  }\n": types.OrganizerSetQuestionsDocument,
    "\n  mutation OrganizerRefundOrder($orderId: ID!, $ticketIds: [ID!], $reason: String) {\n    refundOrder(orderId: $orderId, ticketIds: $ticketIds, reason: $reason) {\n      ...OrganizerOrderFields\n    }\n  }\n": types.OrganizerRefundOrderDocument,
    "\n  query OrganizerSalesStats($id: ID!) {\n    event(id: $id) {\n      id\n      salesStats {\n        totalSold\n        held\n        paid\n        refunded\n        checkedIn\n        cancelled\n        revenue {\n          amountCents\n          currency\n        }\n        byType {\n          ticketType {\n            id\n            name\n            priceCents\n            currency\n            quantity\n            available\n          }\n          sold\n          held\n          paid\n          refunded\n          cancelled\n          checkedIn\n          revenueCents\n          currency\n        }\n      }\n    }\n  }\n": types.OrganizerSalesStatsDocument,
    "\n  mutation OrganizerSetSchedule($eventId: ID!, $items: [ScheduleItemInput!]!) {\n    setSchedule(eventId: $eventId, items: $items) {\n      ...OrganizerEventFields\n    }\n  }\n": types.OrganizerSetScheduleDocument,
    "\n  mutation OrganizerUpdateEvent($id: ID!, $input: UpdateEventInput!) {\n    updateEvent(id: $id, input: $input) {\n      ...OrganizerEventFields\n    }\n  }\n": types.OrganizerUpdateEventDocument,
    "\n  query OrganizerVouchers($eventId: ID!) {\n    event(id: $eventId) {\n      id\n      vouchers {\n        ...OrganizerVoucher\n      }\n    }\n  }\n": types.OrganizerVouchersDocument,
    "\n  fragment OrganizerVoucher on Voucher {\n    id\n    code\n    kind\n    value\n    maxUses\n    used\n    validFrom\n    validUntil\n    ticketTypes {\n      id\n      name\n    }\n  }\n": types.OrganizerVoucherFragmentDoc,
    "\n  mutation OrganizerCreateVoucher($eventId: ID!, $input: VoucherInput!) {\n    createVoucher(eventId: $eventId, input: $input) {\n      ...OrganizerVoucher\n      event {\n        id\n        vouchers {\n          id\n        }\n      }\n    }\n  }\n": types.OrganizerCreateVoucherDocument,
    "\n  query MyTickets {\n    me {\n      id\n      tickets {\n        id\n        code\n        status\n        qrCodeSvg\n        purchasedAt\n        checkedInAt\n        attendeeName\n        answers {\n          questionId\n          label\n          kind\n          value\n        }\n        ticketType {\n          id\n          name\n        }\n        event {\n          id\n          title\n          startsAt\n          endsAt\n          venue\n        }\n      }\n    }\n  }\n": types.MyTicketsDocument,
    "\n  fragment WaitingListEntryFields on WaitingListEntry {\n    id\n    quantity\n    position\n    status\n    offerExpiresAt\n    createdAt\n    order {\n      id\n      number\n    }\n    ticketType {\n      id\n      name\n      event {\n        id\n        title\n        startsAt\n      }\n    }\n  }\n": types.WaitingListEntryFieldsFragmentDoc,
    "\n  query MyWaitingList {\n    myWaitingList {\n      ...WaitingListEntryFields\n    }\n  }\n": types.MyWaitingListDocument,
    "\n  mutation JoinWaitingList($ticketTypeId: ID!, $quantity: Int!) {\n    joinWaitingList(ticketTypeId: $ticketTypeId, quantity: $quantity) {\n      ...WaitingListEntryFields\n    }\n  }\n": types.JoinWaitingListDocument,
    "\n  mutation LeaveWaitingList($id: ID!) {\n    leaveWaitingList(id: $id) {\n      ...WaitingListEntryFields\n    }\n  }\n": types.LeaveWaitingListDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation EndSession($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.EndSessionDocument,
    "\n  mutation PlainRefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n    }\n  }\n": types.PlainRefreshSessionDocument,
    "\n  mutation PlainEndSession($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.PlainEndSessionDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      role\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      displayName\n      email\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($orderId: ID!) {\n    cancelOrder(orderId: $orderId) {\n      id\n      status\n      expiresAt\n      payment {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($orderId: ID!) {\n    cancelOrder(orderId: $orderId) {\n      id\n      status\n      expiresAt\n      payment {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Checkout($orderId: ID!, $provider: PaymentProvider!) {\n    checkout(orderId: $orderId, provider: $provider) {\n      id\n      provider\n      status\n      checkoutUrl\n      instructions\n    }\n  }\n"): (typeof documents)["\n  mutation Checkout($orderId: ID!, $provider: PaymentProvider!) {\n    checkout(orderId: $orderId, provider: $provider) {\n      id\n      provider\n      status\n      checkoutUrl\n      instructions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOrders($first: Int, $after: String) {\n    myOrders(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          totalCents\n          currency\n          createdAt\n          lines {\n            quantity\n          }\n          event {\n            id\n            title\n            startsAt\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyOrders($first: Int, $after: String) {\n    myOrders(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          totalCents\n          currency\n          createdAt\n          lines {\n            quantity\n          }\n          event {\n            id\n            title\n            startsAt\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderDetails($id: ID!) {\n    order(id: $id) {\n      id\n      number\n      status\n      totalCents\n      currency\n      expiresAt\n      createdAt\n      event {\n        id\n        title\n        venue\n        startsAt\n        endsAt\n      }\n      lines {\n        quantity\n        unitPriceCents\n        discountCents\n        ticketType {\n          id\n          name\n        }\n      }\n      payment {\n        id\n        provider\n        status\n        checkoutUrl\n        instructions\n      }\n      tickets {\n        id\n        code\n        status\n        qrCodeSvg\n        attendeeName\n        answers {\n          questionId\n          label\n          kind\n          value\n        }\n        ticketType {\n          id\n          name\n        }\n      }\n      refunds {\n        id\n        amountCents\n        reason\n        status\n        createdAt\n        tickets {\n          id\n          code\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrderDetails($id: ID!) {\n    order(id: $id) {\n      id\n      number\n      status\n      totalCents\n      currency\n      expiresAt\n      createdAt\n      event {\n        id\n        title\n        venue\n        startsAt\n        endsAt\n      }\n      lines {\n        quantity\n        unitPriceCents\n        discountCents\n        ticketType {\n          id\n          name\n        }\n      }\n      payment {\n        id\n        provider\n        status\n        checkoutUrl\n        instructions\n      }\n      tickets {\n        id\n        code\n        status\n        qrCodeSvg\n        attendeeName\n        answers {\n          questionId\n          label\n          kind\n          value\n        }\n        ticketType {\n          id\n          name\n        }\n      }\n      refunds {\n        id\n        amountCents\n        reason\n        status\n        createdAt\n        tickets {\n          id\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DoorCheckInTicket($code: String!, $eventId: ID!) {\n    checkInTicket(code: $code, eventId: $eventId) {\n      id\n      checkedInAt\n      attendeeName\n      ticketType {\n        name\n      }\n      owner {\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DoorCheckInTicket($code: String!, $eventId: ID!) {\n    checkInTicket(code: $code, eventId: $eventId) {\n      id\n      checkedInAt\n      attendeeName\n      ticketType {\n        name\n      }\n      owner {\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DoorLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      user {\n        id\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DoorLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      user {\n        id\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DoorEvents($organizer: Boolean!) {\n    myEvents(status: PUBLISHED) @include(if: $organizer) {\n      id\n      title\n      venue\n      startsAt\n      endsAt\n      ticketTypes {\n        id\n        name\n      }\n    }\n    myDoorEvents {\n      id\n      title\n      venue\n      startsAt\n      endsAt\n      status\n      ticketTypes {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query DoorEvents($organizer: Boolean!) {\n    myEvents(status: PUBLISHED) @include(if: $organizer) {\n      id\n      title\n      venue\n      startsAt\n      endsAt\n      ticketTypes {\n        id\n        name\n      }\n    }\n    myDoorEvents {\n      id\n      title\n      venue\n      startsAt\n      endsAt\n      status\n      ticketTypes {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DoorRevokedTickets($eventId: ID!, $after: String) {\n    revokedTickets(eventId: $eventId, after: $after) {\n      revoked {\n        ticketId\n        code\n      }\n      cursor\n      complete\n    }\n  }\n"): (typeof documents)["\n  query DoorRevokedTickets($eventId: ID!, $after: String) {\n    revokedTickets(eventId: $eventId, after: $after) {\n      revoked {\n        ticketId\n        code\n      }\n      cursor\n      complete\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DoorUndoCheckIn($ticketId: ID!) {\n    undoCheckIn(ticketId: $ticketId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation DoorUndoCheckIn($ticketId: ID!) {\n    undoCheckIn(ticketId: $ticketId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DoorValidateTicket($code: String!, $eventId: ID!) {\n    validateTicket(code: $code, eventId: $eventId) {\n      valid\n      reason\n      ticket {\n        id\n        status\n        checkedInAt\n        attendeeName\n        ticketType {\n          name\n        }\n        owner {\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DoorValidateTicket($code: String!, $eventId: ID!) {\n    validateTicket(code: $code, eventId: $eventId) {\n      valid\n      reason\n      ticket {\n        id\n        status\n        checkedInAt\n        attendeeName\n        ticketType {\n          name\n        }\n        owner {\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Categories {\n    categories {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query Categories {\n    categories {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventDetails($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      venue\n      startsAt\n      endsAt\n      status\n      cancellationReason\n      category {\n        id\n        name\n      }\n      organizer {\n        id\n        displayName\n      }\n      schedule {\n        id\n        title\n        startsAt\n        endsAt\n        speaker\n        location\n      }\n      ticketTypes {\n        id\n        name\n        priceCents\n        currency\n        available\n        maxPerUser\n        salesStart\n        salesEnd\n      }\n      questions {\n        id\n        label\n        kind\n        required\n        options\n      }\n    }\n  }\n"): (typeof documents)["\n  query EventDetails($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      venue\n      startsAt\n      endsAt\n      status\n      cancellationReason\n      category {\n        id\n        name\n      }\n      organizer {\n        id\n        displayName\n      }\n      schedule {\n        id\n        title\n        startsAt\n        endsAt\n        speaker\n        location\n      }\n      ticketTypes {\n        id\n        name\n        priceCents\n        currency\n        available\n        maxPerUser\n        salesStart\n        salesEnd\n      }\n      questions {\n        id\n        label\n        kind\n        required\n        options\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventAvailability($id: ID!) {\n    event(id: $id) {\n      id\n      ticketTypes {\n        id\n        available\n      }\n    }\n  }\n"): (typeof documents)["\n  query EventAvailability($id: ID!) {\n    event(id: $id) {\n      id\n      ticketTypes {\n        id\n        available\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EventAvailabilityChanged($eventId: ID!) {\n    ticketAvailabilityChanged(eventId: $eventId) {\n      id\n      available\n    }\n  }\n"): (typeof documents)["\n  subscription EventAvailabilityChanged($eventId: ID!) {\n    ticketAvailabilityChanged(eventId: $eventId) {\n      id\n      available\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventTicketTypesForVoucher($id: ID!, $voucherCode: String!) {\n    event(id: $id) {\n      id\n      ticketTypes(voucherCode: $voucherCode) {\n        id\n        name\n        priceCents\n        currency\n        available\n        maxPerUser\n        salesStart\n        salesEnd\n      }\n    }\n  }\n"): (typeof documents)["\n  query EventTicketTypesForVoucher($id: ID!, $voucherCode: String!) {\n    event(id: $id) {\n      id\n      ticketTypes(voucherCode: $voucherCode) {\n        id\n        name\n        priceCents\n        currency\n        available\n        maxPerUser\n        salesStart\n        salesEnd\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Events($filter: EventFilter, $first: Int, $after: String) {\n    events(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          venue\n          startsAt\n          endsAt\n          category {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Events($filter: EventFilter, $first: Int, $after: String) {\n    events(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          venue\n          startsAt\n          endsAt\n          category {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReserveTickets($input: OrderInput!) {\n    reserveTickets(input: $input) {\n      id\n      status\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation ReserveTickets($input: OrderInput!) {\n    reserveTickets(input: $input) {\n      id\n      status\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationFields on Notification {\n    id\n    type\n    title\n    body\n    read\n    createdAt\n    event {\n      id\n      title\n    }\n    ticket {\n      id\n      order {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment NotificationFields on Notification {\n    id\n    type\n    title\n    body\n    read\n    createdAt\n    event {\n      id\n      title\n    }\n    ticket {\n      id\n      order {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadCount {\n    unreadCount\n  }\n"): (typeof documents)["\n  query UnreadCount {\n    unreadCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentNotifications($first: Int!) {\n    notifications(first: $first) {\n      edges {\n        node {\n          ...NotificationFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecentNotifications($first: Int!) {\n    notifications(first: $first) {\n      edges {\n        node {\n          ...NotificationFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      read\n    }\n  }\n"): (typeof documents)["\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      read\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n"): (typeof documents)["\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationPreferences {\n    notificationPreferences {\n      email\n      push\n      inApp\n      mutedTypes\n    }\n  }\n"): (typeof documents)["\n  query NotificationPreferences {\n    notificationPreferences {\n      email\n      push\n      inApp\n      mutedTypes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationPreferences($input: PreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      email\n      push\n      inApp\n      mutedTypes\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateNotificationPreferences($input: PreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      email\n      push\n      inApp\n      mutedTypes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BecomeOrganizer {\n    becomeOrganizer {\n      accessToken\n      refreshToken\n      user {\n        id\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BecomeOrganizer {\n    becomeOrganizer {\n      accessToken\n      refreshToken\n      user {\n        id\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerCancelEvent($id: ID!, $reason: String) {\n    cancelEvent(id: $id, reason: $reason) {\n      ...OrganizerEventFields\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizerCancelEvent($id: ID!, $reason: String) {\n    cancelEvent(id: $id, reason: $reason) {\n      ...OrganizerEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizerCategories {\n    categories {\n      id\n      name\n      slug\n    }\n  }\n"): (typeof documents)["\n  query OrganizerCategories {\n    categories {\n      id\n      name\n      slug\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n      slug\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizerCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n      slug\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerCreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      ...OrganizerEventFields\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizerCreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      ...OrganizerEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerCreateTicketType($eventId: ID!, $input: CreateTicketTypeInput!) {\n    createTicketType(eventId: $eventId, input: $input) {\n      id\n      name\n      priceCents\n      currency\n      quantity\n      sold\n      held\n      available\n      maxPerUser\n      hidden\n      salesStart\n      salesEnd\n      event {\n        id\n        ticketTypes {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizerCreateTicketType($eventId: ID!, $input: CreateTicketTypeInput!) {\n    createTicketType(eventId: $eventId, input: $input) {\n      id\n      name\n      priceCents\n      currency\n      quantity\n      sold\n      held\n      available\n      maxPerUser\n      hidden\n      salesStart\n      salesEnd\n      event {\n        id\n        ticketTypes {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizerDoor($eventId: ID!, $first: Int!, $after: String) {\n    event(id: $eventId) {\n      id\n      doorStaff {\n        email\n        addedAt\n        user {\n          id\n          displayName\n        }\n      }\n      checkIns(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            action\n            result\n            accepted\n            scannedAt\n            scannedBy {\n              id\n              displayName\n            }\n            ticket {\n              id\n              attendeeName\n              ticketType {\n                id\n                name\n              }\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrganizerDoor($eventId: ID!, $first: Int!, $after: String) {\n    event(id: $eventId) {\n      id\n      doorStaff {\n        email\n        addedAt\n        user {\n          id\n          displayName\n        }\n      }\n      checkIns(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            action\n            result\n            accepted\n            scannedAt\n            scannedBy {\n              id\n              displayName\n            }\n            ticket {\n              id\n              attendeeName\n              ticketType {\n                id\n                name\n              }\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerAddDoorStaff($eventId: ID!, $email: String!) {\n    addDoorStaff(eventId: $eventId, email: $email) {\n      email\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizerAddDoorStaff($eventId: ID!, $email: String!) {\n    addDoorStaff(eventId: $eventId, email: $email) {\n      email\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerRemoveDoorStaff($eventId: ID!, $userId: ID!) {\n    removeDoorStaff(eventId: $eventId, userId: $userId)\n  }\n"): (typeof documents)["\n  mutation OrganizerRemoveDoorStaff($eventId: ID!, $userId: ID!) {\n    removeDoorStaff(eventId: $eventId, userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizerEventOrders($eventId: ID!, $status: OrderStatus, $first: Int, $after: String) {\n    event(id: $eventId) {\n      id\n      orders(status: $status, first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            number\n            status\n            totalCents\n            currency\n            createdAt\n            buyer {\n              id\n              displayName\n            }\n            lines {\n              quantity\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrganizerEventOrders($eventId: ID!, $status: OrderStatus, $first: Int, $after: String) {\n    event(id: $eventId) {\n      id\n      orders(status: $status, first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            number\n            status\n            totalCents\n            currency\n            createdAt\n            buyer {\n              id\n              displayName\n            }\n            lines {\n              quantity\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrganizerEventFields on Event {\n    id\n    title\n    description\n    venue\n    startsAt\n    endsAt\n    status\n    publishedAt\n    cancelledAt\n    cancellationReason\n    organizer {\n      id\n    }\n    category {\n      id\n      name\n    }\n    schedule {\n      id\n      title\n      startsAt\n      endsAt\n      speaker\n      location\n    }\n    ticketTypes {\n      id\n      name\n      priceCents\n      currency\n      quantity\n      sold\n      held\n      available\n      maxPerUser\n      hidden\n      salesStart\n      salesEnd\n    }\n  }\n"): (typeof documents)["\n  fragment OrganizerEventFields on Event {\n    id\n    title\n    description\n    venue\n    startsAt\n    endsAt\n    status\n    publishedAt\n    cancelledAt\n    cancellationReason\n    organizer {\n      id\n    }\n    category {\n      id\n      name\n    }\n    schedule {\n      id\n      title\n      startsAt\n      endsAt\n      speaker\n      location\n    }\n    ticketTypes {\n      id\n      name\n      priceCents\n      currency\n      quantity\n      sold\n      held\n      available\n      maxPerUser\n      hidden\n      salesStart\n      salesEnd\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizerEvent($id: ID!) {\n    event(id: $id) {\n      ...OrganizerEventFields\n    }\n  }\n"): (typeof documents)["\n  query OrganizerEvent($id: ID!) {\n    event(id: $id) {\n      ...OrganizerEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerMarkOrderPaid($orderId: ID!) {\n    markOrderPaid(orderId: $orderId) {\n      ...OrganizerOrderFields\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizerMarkOrderPaid($orderId: ID!) {\n    markOrderPaid(orderId: $orderId) {\n      ...OrganizerOrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizerMyEvents($status: EventStatus) {\n    myEvents(status: $status) {\n      id\n      title\n      status\n      venue\n      startsAt\n      endsAt\n      category {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrganizerMyEvents($status: EventStatus) {\n    myEvents(status: $status) {\n      id\n      title\n      status\n      venue\n      startsAt\n      endsAt\n      category {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrganizerOrderFields on Order {\n    id\n    number\n    status\n    createdAt\n    expiresAt\n    totalCents\n    currency\n    event {\n      id\n    }\n    buyer {\n      id\n      displayName\n      email\n    }\n    lines {\n      ticketType {\n        id\n        name\n      }\n      quantity\n      unitPriceCents\n      discountCents\n    }\n    payment {\n      id\n      provider\n      status\n      amountCents\n      instructions\n      createdAt\n    }\n    tickets {\n      id\n      status\n      checkedInAt\n      attendeeName\n      answers {\n        questionId\n        label\n        kind\n        value\n      }\n      ticketType {\n        id\n        name\n      }\n    }\n    refunds {\n      id\n      amountCents\n      reason\n      status\n      createdAt\n      tickets {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment OrganizerOrderFields on Order {\n    id\n    number\n    status\n    createdAt\n    expiresAt\n    totalCents\n    currency\n    event {\n      id\n    }\n    buyer {\n      id\n      displayName\n      email\n    }\n    lines {\n      ticketType {\n        id\n        name\n      }\n      quantity\n      unitPriceCents\n      discountCents\n    }\n    payment {\n      id\n      provider\n      status\n      amountCents\n      instructions\n      createdAt\n    }\n    tickets {\n      id\n      status\n      checkedInAt\n      attendeeName\n      answers {\n        questionId\n        label\n        kind\n        value\n      }\n      ticketType {\n        id\n        name\n      }\n    }\n    refunds {\n      id\n      amountCents\n      reason\n      status\n      createdAt\n      tickets {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizerOrder($id: ID!) {\n    order(id: $id) {\n      ...OrganizerOrderFields\n    }\n  }\n"): (typeof documents)["\n  query OrganizerOrder($id: ID!) {\n    order(id: $id) {\n      ...OrganizerOrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerPublishEvent($id: ID!) {\n    publishEvent(id: $id) {\n      ...OrganizerEventFields\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizerPublishEvent($id: ID!) {\n    publishEvent(id: $id) {\n      ...OrganizerEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrganizerQuestion on Question {\n    id\n    label\n    kind\n    required\n    options\n  }\n"): (typeof documents)["\n  fragment OrganizerQuestion on Question {\n    id\n    label\n    kind\n    required\n    options\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizerQuestions($eventId: ID!) {\n    event(id: $eventId) {\n      id\n      questions {\n        ...OrganizerQuestion\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrganizerQuestions($eventId: ID!) {\n    event(id: $eventId) {\n      id\n      questions {\n        ...OrganizerQuestion\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerSetQuestions($eventId: ID!, $questions: [QuestionInput!]!) {\n    setQuestions(eventId: $eventId, questions: $questions) {\n      id\n      questions {\n        ...OrganizerQuestion\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizerSetQuestions($eventId: ID!, $questions: [QuestionInput!]!) {\n    setQuestions(eventId: $eventId, questions: $questions) {\n      id\n      questions {\n        ...OrganizerQuestion\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerRefundOrder($orderId: ID!, $ticketIds: [ID!], $reason: String) {\n    refundOrder(orderId: $orderId, ticketIds: $ticketIds, reason: $reason) {\n      ...OrganizerOrderFields\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizerRefundOrder($orderId: ID!, $ticketIds: [ID!], $reason: String) {\n    refundOrder(orderId: $orderId, ticketIds: $ticketIds, reason: $reason) {\n      ...OrganizerOrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizerSalesStats($id: ID!) {\n    event(id: $id) {\n      id\n      salesStats {\n        totalSold\n        held\n        paid\n        refunded\n        checkedIn\n        cancelled\n        revenue {\n          amountCents\n          currency\n        }\n        byType {\n          ticketType {\n            id\n            name\n            priceCents\n            currency\n            quantity\n            available\n          }\n          sold\n          held\n          paid\n          refunded\n          cancelled\n          checkedIn\n          revenueCents\n          currency\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrganizerSalesStats($id: ID!) {\n    event(id: $id) {\n      id\n      salesStats {\n        totalSold\n        held\n        paid\n        refunded\n        checkedIn\n        cancelled\n        revenue {\n          amountCents\n          currency\n        }\n        byType {\n          ticketType {\n            id\n            name\n            priceCents\n            currency\n            quantity\n            available\n          }\n          sold\n          held\n          paid\n          refunded\n          cancelled\n          checkedIn\n          revenueCents\n          currency\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerSetSchedule($eventId: ID!, $items: [ScheduleItemInput!]!) {\n    setSchedule(eventId: $eventId, items: $items) {\n      ...OrganizerEventFields\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizerSetSchedule($eventId: ID!, $items: [ScheduleItemInput!]!) {\n    setSchedule(eventId: $eventId, items: $items) {\n      ...OrganizerEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerUpdateEvent($id: ID!, $input: UpdateEventInput!) {\n    updateEvent(id: $id, input: $input) {\n      ...OrganizerEventFields\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizerUpdateEvent($id: ID!, $input: UpdateEventInput!) {\n    updateEvent(id: $id, input: $input) {\n      ...OrganizerEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizerVouchers($eventId: ID!) {\n    event(id: $eventId) {\n      id\n      vouchers {\n        ...OrganizerVoucher\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrganizerVouchers($eventId: ID!) {\n    event(id: $eventId) {\n      id\n      vouchers {\n        ...OrganizerVoucher\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrganizerVoucher on Voucher {\n    id\n    code\n    kind\n    value\n    maxUses\n    used\n    validFrom\n    validUntil\n    ticketTypes {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment OrganizerVoucher on Voucher {\n    id\n    code\n    kind\n    value\n    maxUses\n    used\n    validFrom\n    validUntil\n    ticketTypes {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizerCreateVoucher($eventId: ID!, $input: VoucherInput!) {\n    createVoucher(eventId: $eventId, input: $input) {\n      ...OrganizerVoucher\n      event {\n        id\n        vouchers {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizerCreateVoucher($eventId: ID!, $input: VoucherInput!) {\n    createVoucher(eventId: $eventId, input: $input) {\n      ...OrganizerVoucher\n      event {\n        id\n        vouchers {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyTickets {\n    me {\n      id\n      tickets {\n        id\n        code\n        status\n        qrCodeSvg\n        purchasedAt\n        checkedInAt\n        attendeeName\n        answers {\n          questionId\n          label\n          kind\n          value\n        }\n        ticketType {\n          id\n          name\n        }\n        event {\n          id\n          title\n          startsAt\n          endsAt\n          venue\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyTickets {\n    me {\n      id\n      tickets {\n        id\n        code\n        status\n        qrCodeSvg\n        purchasedAt\n        checkedInAt\n        attendeeName\n        answers {\n          questionId\n          label\n          kind\n          value\n        }\n        ticketType {\n          id\n          name\n        }\n        event {\n          id\n          title\n          startsAt\n          endsAt\n          venue\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WaitingListEntryFields on WaitingListEntry {\n    id\n    quantity\n    position\n    status\n    offerExpiresAt\n    createdAt\n    order {\n      id\n      number\n    }\n    ticketType {\n      id\n      name\n      event {\n        id\n        title\n        startsAt\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment WaitingListEntryFields on WaitingListEntry {\n    id\n    quantity\n    position\n    status\n    offerExpiresAt\n    createdAt\n    order {\n      id\n      number\n    }\n    ticketType {\n      id\n      name\n      event {\n        id\n        title\n        startsAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyWaitingList {\n    myWaitingList {\n      ...WaitingListEntryFields\n    }\n  }\n"): (typeof documents)["\n  query MyWaitingList {\n    myWaitingList {\n      ...WaitingListEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinWaitingList($ticketTypeId: ID!, $quantity: Int!) {\n    joinWaitingList(ticketTypeId: $ticketTypeId, quantity: $quantity) {\n      ...WaitingListEntryFields\n    }\n  }\n"): (typeof documents)["\n  mutation JoinWaitingList($ticketTypeId: ID!, $quantity: Int!) {\n    joinWaitingList(ticketTypeId: $ticketTypeId, quantity: $quantity) {\n      ...WaitingListEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveWaitingList($id: ID!) {\n    leaveWaitingList(id: $id) {\n      ...WaitingListEntryFields\n    }\n  }\n"): (typeof documents)["\n  mutation LeaveWaitingList($id: ID!) {\n    leaveWaitingList(id: $id) {\n      ...WaitingListEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndSession($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation EndSession($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlainRefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n    }\n  }\n"): (typeof documents)["\n  mutation PlainRefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlainEndSession($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation PlainEndSession($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;