import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { EventDetailsQuery } from '@/__generated__/graphql';
import { ErrorAlert } from '@/components/error-alert';
import { firstApiError } from '@/lib/api/errors';
import { formatDateTime, formatMoney, useI18n } from '@/lib/i18n';
import { useSessionState } from '@/lib/session';
import { useVoucherTicketTypes } from '../api/event';
import { useReserveTickets } from '../api/reserve-tickets';
import { attendeeProblems, attendeesInput, attendeeSlots, blamedAttendeeControl, type AttendeeDrafts } from '../attendees';
import { AttendeeFields } from './attendee-fields';
import { WaitingListJoin } from './waiting-list-join';
import { clampSelection, maxQuantity, orderItems, salesState, ticketCount, totals, type SalesState, type Selection } from '../selection';

type Event = NonNullable<EventDetailsQuery['event']>;
type TicketType = Event['ticketTypes'][number];

/** Re-renders once a minute, so a sales window that opens or closes while the page is open shows it. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

interface TicketPickerProps {
  event: Event;
  /** Asks the server again how many are left (after a refusal for lack of stock). */
  onStale: () => void;
}

/** The ticket types with prices, what is left, quantity pickers, the total and "Reserve". */
export function TicketPicker({ event, onStale }: TicketPickerProps) {
  const { t, locale } = useI18n();
  const { status } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const now = useMinuteClock();
  const [wanted, setWanted] = useState<Selection>({});
  const [voucherCode, setVoucherCode] = useState('');
  const voucherId = useId();
  const reserve = useReserveTickets();
  const [appliedCode, setAppliedCode] = useState<string | undefined>();
  const unlocked = useVoucherTicketTypes(event.id, appliedCode);
  const types = unlocked.types ?? event.ticketTypes;
  const extra = unlocked.types ? unlocked.types.length - event.ticketTypes.length : 0;
  const selection = clampSelection(types, wanted, now);
  const count = ticketCount(selection);
  const sums = totals(types, selection);
  const onSale = event.status === 'PUBLISHED';
  const formRef = useRef<HTMLFormElement>(null);
  const attendees = useAttendees(event.questions, types, selection, reserve.error, formRef);

  const submit = async (formEvent: FormEvent) => {
    formEvent.preventDefault();
    if (count === 0 || !attendees.check()) return;
    const order = await reserve
      .submit(event.id, orderItems(types, selection), voucherCode.trim(), attendees.input())
      .catch((error: unknown) => {
        const code = firstApiError(error)?.code;
        if (code === 'SOLD_OUT' || code === 'LIMIT_PER_USER') onStale();
        return undefined;
      });
    if (order) navigate(`/orders/${order.id}`);
  };

  if (types.length === 0) {
    return (
      <section className="card" aria-labelledby="event-tickets">
        <h2 id="event-tickets">{t('events.tickets.title')}</h2>
        <p className="muted">{t('events.tickets.none')}</p>
      </section>
    );
  }

  return (
    <form
      ref={formRef}
      className={attendees.asked ? 'card ticket-form with-attendees' : 'card ticket-form'}
      aria-labelledby="event-tickets"
      // The attendees' fields say what is missing next to themselves, in the page's language.
      noValidate={attendees.asked}
      onSubmit={submit}
    >
      <h2 id="event-tickets">{t('events.tickets.title')}</h2>
      <ul className="ticket-types">
        {types.map((type) => (
          <TicketTypeRow
            key={type.id}
            type={type}
            quantity={selection[type.id] ?? 0}
            max={onSale ? maxQuantity(type, types, selection, now) : 0}
            state={salesState(type, now)}
            canWait={onSale && status === 'signed-in'}
            onChange={(quantity) => {
              reserve.reset();
              setWanted({ ...selection, [type.id]: quantity });
            }}
          />
        ))}
      </ul>
      <div className="field voucher-field">
        <label htmlFor={voucherId}>{t('events.tickets.voucher')}</label>
        <input
          id={voucherId}
          name="voucherCode"
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={50}
          aria-describedby={`${voucherId}-hint`}
          value={voucherCode}
          onChange={(e) => {
            reserve.reset();
            setVoucherCode(e.target.value);
          }}
        />
        <button
          type="button"
          className="button"
          disabled={voucherCode.trim() === '' || unlocked.loading}
          onClick={() => setAppliedCode(voucherCode.trim())}
        >
          {t('events.tickets.voucherApply')}
        </button>
        <p id={`${voucherId}-hint`} className="hint">
          {t('events.tickets.voucherHint')}
        </p>
        <p role="status" className="voucher-status">
          {appliedCode && unlocked.types && appliedCode === voucherCode.trim()
            ? extra > 0
              ? t('events.tickets.voucherUnlocked', { count: extra })
              : t('events.tickets.voucherNoneUnlocked')
            : ''}
        </p>
      </div>
      <AttendeeFields
        slots={attendees.slots}
        questions={event.questions}
        drafts={attendees.drafts}
        errorFor={attendees.errorFor}
        onChange={(key, draft) => {
          reserve.reset();
          attendees.change(key, draft);
        }}
      />
      <div className="order-total">
        <span id="order-total-label">{t('events.tickets.total')}</span>
        <output aria-labelledby="order-total-label" aria-live="polite">
          {sums.length === 0
            ? formatMoney(0, types[0]!.currency, locale)
            : sums.map((sum) => formatMoney(sum.cents, sum.currency, locale)).join(' + ')}
        </output>
      </div>
      <ErrorAlert error={attendees.formError} />
      {status === 'signed-out' ? (
        <div className="notice info">
          <p>{t('events.tickets.signInFirst')}</p>
          <Link className="button primary" to={{ pathname: '/login', search: new URLSearchParams({ next: location.pathname }).toString() }}>
            {t('events.tickets.signIn')}
          </Link>
        </div>
      ) : (
        <button className="button primary" type="submit" disabled={!onSale || count === 0 || reserve.loading || status !== 'signed-in'}>
          {reserve.loading ? t('form.submitting') : count > 0 ? t('events.tickets.reserveCount', { count }) : t('events.tickets.reserve')}
        </button>
      )}
      <p className="muted">{t('events.tickets.holdHint')}</p>
    </form>
  );
}

interface TicketTypeRowProps {
  type: TicketType;
  quantity: number;
  max: number;
  state: SalesState;
  /** A signed-in buyer may join a sold-out type's waiting list. */
  canWait: boolean;
  onChange: (quantity: number) => void;
}

/** One ticket type: name, price, what is left (or when sales open), and its quantity. */
function TicketTypeRow({ type, quantity, max, state, canWait, onChange }: TicketTypeRowProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const stock =
    state === 'not-started'
      ? t('events.tickets.salesStart', { date: formatDateTime(type.salesStart, locale) })
      : state === 'ended'
        ? t('events.tickets.salesEnded')
        : state === 'sold-out'
          ? t('events.tickets.soldOut')
          : t('events.tickets.left', { count: type.available });
  const options = Array.from({ length: Math.max(max, quantity) + 1 }, (_, n) => n);
  return (
    <li className="ticket-type">
      <span className="name">{type.name}</span>
      <span className="price">
        {type.priceCents === 0 ? t('events.tickets.free') : formatMoney(type.priceCents, type.currency, locale)}
      </span>
      <span className="stock">
        {stock}
        {type.maxPerUser != null && state === 'on-sale' && ` · ${t('events.tickets.perPerson', { count: type.maxPerUser })}`}
      </span>
      <div className="field quantity">
        <label htmlFor={id} className="sr-only">
          {t('events.tickets.quantity', { name: type.name })}
        </label>
        <select id={id} value={quantity} disabled={max === 0 && quantity === 0} onChange={(e) => onChange(Number(e.target.value))}>
          {options.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      {state === 'sold-out' && canWait && (
        <WaitingListJoin ticketTypeId={type.id} typeName={type.name} maxPerUser={type.maxPerUser ?? null} />
      )}
    </li>
  );
}

/**
 * Who the tickets are for, when the event asks its attendees questions: one draft per chosen
 * ticket, checked before sending (`check` moves focus to the first control to fix), and the API's
 * refusals placed on the control they name. An event that asks nothing asks for no names either.
 */
function useAttendees(
  questions: Event['questions'],
  types: readonly TicketType[],
  selection: Selection,
  error: unknown,
  formRef: RefObject<HTMLFormElement | null>,
) {
  const { t } = useI18n();
  const [drafts, setDrafts] = useState<AttendeeDrafts>({});
  const [tried, setTried] = useState(false);
  const asked = questions.length > 0;
  const slots = asked ? attendeeSlots(types, selection) : [];
  const problems = tried ? attendeeProblems(slots, drafts, questions) : [];
  const blamed = asked ? blamedAttendeeControl(firstApiError(error), questions) : undefined;
  const onForm = blamed !== undefined && Number(blamed.path.split('.')[1]) < slots.length;

  const blamedPath = onForm ? blamed.path : undefined;
  useEffect(() => {
    if (blamedPath) focusControl(formRef.current, blamedPath);
  }, [blamedPath, error, formRef]);

  return {
    asked,
    slots,
    drafts,
    change: (key: string, draft: AttendeeDrafts[string]) => setDrafts((current) => ({ ...current, [key]: draft })),
    errorFor: (path: string) => {
      const problem = problems.find((p) => p.path === path) ?? (onForm && blamed.path === path ? blamed : undefined);
      return problem && t(`events.attendees.error.${problem.reason}`);
    },
    /** A refusal that is about no one control stays above the button. */
    formError: onForm ? undefined : error,
    /** True when there is nothing to fix before sending. */
    check: () => {
      const found = attendeeProblems(slots, drafts, questions);
      setTried(true);
      if (found[0]) focusControl(formRef.current, found[0].path);
      return found.length === 0;
    },
    input: () => (asked ? attendeesInput(slots, drafts, questions) : undefined),
  };
}

/** Moves focus to a control by name, so a screen reader reads its label and what is wrong with it. */
function focusControl(form: HTMLFormElement | null, path: string) {
  const control = form?.elements.namedItem(path);
  if (control instanceof HTMLElement) control.focus();
}
