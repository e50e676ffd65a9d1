import { useMemo, useRef, useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { formatMoney, useI18n, type Locale } from '@/lib/i18n';
import type { OrganizerEvent } from '../api/event';
import { useCreateTicketType } from '../api/create-ticket-type';
import { isoToLocalInput, localInputToIso, userTimeZone } from '../datetime';
import { currencyOptions } from '../format';
import { parseMajorUnits } from '../money';
import { useFieldError } from '../field-errors';
import { CheckboxField, InputField, SelectField } from './fields';

const FIELDS = ['name', 'priceCents', 'currency', 'quantity', 'salesStart', 'salesEnd', 'maxPerUser', 'hidden'] as const;

interface Values {
  name: string;
  price: string;
  currency: string;
  quantity: string;
  salesStart: string;
  salesEnd: string;
  maxPerUser: string;
  hidden: boolean;
}

/** An order has one currency, so a new type defaults to the event's; the first to the reader's. */
const defaultCurrency = (event: OrganizerEvent, locale: Locale) => event.ticketTypes[0]?.currency ?? (locale === 'ru' ? 'RUB' : 'EUR');

/** Sales open now and close when the event ends, the widest window the API allows. */
function initialValues(event: OrganizerEvent, locale: Locale, timeZone: string): Values {
  return {
    name: '',
    price: '',
    currency: defaultCurrency(event, locale),
    quantity: '100',
    salesStart: isoToLocalInput(new Date().toISOString(), timeZone),
    salesEnd: isoToLocalInput(event.endsAt, timeZone),
    maxPerUser: '',
    hidden: false,
  };
}

/**
 * A new ticket type: the price is typed in major units (25.50) and sent in minor units (2550); the
 * field shows the amount it read, so "1.500" is seen to mean one thousand five hundred.
 */
export function TicketTypeForm({ event }: { event: OrganizerEvent }) {
  const { t, locale } = useI18n();
  const timeZone = userTimeZone();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(() => initialValues(event, locale, timeZone));
  const [created, setCreated] = useState<string | undefined>();
  const [priceInvalid, setPriceInvalid] = useState(false);
  const [createTicketType, { loading, error }] = useCreateTicketType();
  const { errorFor, formError } = useFieldError(error, 'ticketType', FIELDS, formRef);
  const currencies = useMemo(() => currencyOptions(locale), [locale]);

  const priceCents = parseMajorUnits(values.price, values.currency);
  const pricePreview =
    priceCents === undefined
      ? undefined
      : priceCents === 0
        ? t('organizer.ticketTypes.free')
        : formatMoney(priceCents, values.currency, locale);
  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setCreated(undefined);
    setValues((current) => ({ ...current, [field]: value }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (priceCents === undefined) {
      setPriceInvalid(true);
      const control = formRef.current?.elements.namedItem('priceCents');
      if (control instanceof HTMLElement) control.focus();
      return;
    }
    setPriceInvalid(false);
    const input = {
      name: values.name,
      priceCents,
      currency: values.currency,
      quantity: Number(values.quantity),
      salesStart: localInputToIso(values.salesStart, timeZone) ?? '',
      salesEnd: localInputToIso(values.salesEnd, timeZone) ?? '',
      maxPerUser: values.maxPerUser ? Number(values.maxPerUser) : null,
      hidden: values.hidden,
    };
    const result = await createTicketType({ variables: { eventId: event.id, input } }).catch(() => undefined);
    if (!result?.data) return;
    setValues({ ...initialValues(event, locale, timeZone), currency: values.currency });
    setCreated(result.data.createTicketType.name);
  };

  return (
    <form ref={formRef} className="form org-form" onSubmit={submit}>
      <ErrorAlert error={formError} />
      <InputField
        label={t('organizer.ticketType.name')}
        name="name"
        required
        maxLength={100}
        value={values.name}
        error={errorFor('name')}
        onChange={(e) => set('name', e.target.value)}
      />
      <div className="org-row">
        <InputField
          label={t('organizer.ticketType.price')}
          name="priceCents"
          inputMode="decimal"
          autoComplete="off"
          required
          value={values.price}
          hint={pricePreview ? t('organizer.ticketType.priceReads', { amount: pricePreview }) : t('organizer.ticketType.priceHint')}
          error={priceInvalid && priceCents === undefined ? t('organizer.ticketType.error.priceFormat') : errorFor('priceCents')}
          onChange={(e) => set('price', e.target.value)}
        />
        <SelectField
          label={t('organizer.ticketType.currency')}
          name="currency"
          value={values.currency}
          error={errorFor('currency')}
          onChange={(e) => set('currency', e.target.value)}
        >
          {currencies.map((currency) => (
            <option key={currency.code} value={currency.code}>
              {currency.label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="org-row">
        <InputField
          label={t('organizer.ticketType.quantity')}
          name="quantity"
          type="number"
          inputMode="numeric"
          required
          min={1}
          max={1_000_000}
          value={values.quantity}
          error={errorFor('quantity')}
          onChange={(e) => set('quantity', e.target.value)}
        />
        <InputField
          label={t('organizer.ticketType.maxPerUser')}
          name="maxPerUser"
          type="number"
          inputMode="numeric"
          min={1}
          hint={t('organizer.ticketType.maxPerUserHint')}
          value={values.maxPerUser}
          error={errorFor('maxPerUser')}
          onChange={(e) => set('maxPerUser', e.target.value)}
        />
      </div>
      <div className="org-row">
        <InputField
          label={t('organizer.ticketType.salesStart')}
          name="salesStart"
          type="datetime-local"
          required
          hint={t('organizer.timeZoneHint', { zone: timeZone })}
          value={values.salesStart}
          error={errorFor('salesStart')}
          onChange={(e) => set('salesStart', e.target.value)}
        />
        <InputField
          label={t('organizer.ticketType.salesEnd')}
          name="salesEnd"
          type="datetime-local"
          required
          hint={t('organizer.ticketType.salesEndHint')}
          value={values.salesEnd}
          error={errorFor('salesEnd')}
          onChange={(e) => set('salesEnd', e.target.value)}
        />
      </div>
      <CheckboxField
        label={t('organizer.ticketType.hidden')}
        hint={t('organizer.ticketType.hiddenHint')}
        name="hidden"
        checked={values.hidden}
        onChange={(e) => set('hidden', e.target.checked)}
      />
      <div>
        <button className="button primary" type="submit" disabled={loading}>
          {loading ? t('form.submitting') : t('organizer.ticketType.submit')}
        </button>
      </div>
      <p role="status" className="org-saved">
        {created ? t('organizer.ticketType.created', { name: created }) : ''}
      </p>
    </form>
  );
}
