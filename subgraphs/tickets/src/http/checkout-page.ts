/** The sandbox checkout's HTML: plain, self-contained (no scripts), readable on a phone. */
import { formatAmount } from '../payments/offline.js';
import type { OrderRow, PaymentRow } from '../domain/repositories.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Sbor sandbox checkout</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 1rem; background: #f4f4f6; color: #1b1b1f; }
  main { max-width: 26rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: 12px; box-shadow: 0 1px 4px #0002; }
  h1 { font-size: 1.35rem; margin: 0 0 .5rem; }
  .note { font-size: .85rem; color: #5b5b66; background: #fff7d6; padding: .5rem .75rem; border-radius: 8px; }
  .amount { font-size: 2rem; font-weight: 700; margin: 1rem 0; }
  form { display: flex; gap: .75rem; margin-top: 1.25rem; flex-wrap: wrap; }
  button { flex: 1 1 8rem; font: inherit; padding: .8rem 1rem; border-radius: 8px; border: 1px solid #1b1b1f; cursor: pointer; }
  button[value=pay] { background: #1f6f43; border-color: #1f6f43; color: #fff; }
  button[value=decline] { background: #fff; }
</style>
</head>
<body><main>${body}</main></body>
</html>
`;
}

export function checkoutPage(payment: PaymentRow, order: OrderRow): string {
  const amount = formatAmount(payment.amountCents, payment.currency);
  const header = `<h1>Order ${escape(order.number)}</h1><p class="note">Sandbox checkout: a test payment, no money moves.</p><p class="amount">${escape(amount)}</p>`;
  if (payment.status === 'SUCCEEDED') return page('Paid', `${header}<p role="status">Paid. Your tickets are in your account.</p>`);
  if (payment.status === 'FAILED')
    return page('Declined', `${header}<p role="status">The payment was declined. You can try again from your order.</p>`);
  if (payment.status === 'CANCELLED' || order.status !== 'RESERVED') {
    return page(
      'Closed',
      `${header}<p role="status">This payment is closed: the order is ${escape(order.status.toLowerCase().replace('_', ' '))}.</p>`,
    );
  }
  const until = order.expiresAt
    ? `<p>Your tickets are held until ${escape(order.expiresAt.toISOString().replace('T', ' ').slice(0, 16))} UTC.</p>`
    : '';
  return page(
    'Pay',
    `${header}${until}<form method="post" action="/pay/${payment.id}">
  <button type="submit" name="action" value="pay">Pay ${escape(amount)}</button>
  <button type="submit" name="action" value="decline">Decline</button>
</form>`,
  );
}

const RESULTS = {
  notFound: ['Not found', 'There is no sandbox payment here.'],
  badRequest: ['Bad request', 'Choose Pay or Decline.'],
  notDelivered: ['Try again', 'The payment could not be confirmed just now. Go back and try again.'],
} as const;

export function resultPage(kind: keyof typeof RESULTS): string {
  const [title, text] = RESULTS[kind];
  return page(title, `<h1>${title}</h1><p role="status">${text}</p>`);
}
