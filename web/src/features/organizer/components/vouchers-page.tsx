import { useRef, useState, type FormEvent } from 'react';
import type { VoucherKind } from '@/__generated__/graphql';
import { ErrorAlert } from '@/components/error-alert';
import { formatDateTime, formatMoney, useI18n } from '@/lib/i18n';
import { isOpen, type OrganizerEvent } from '../api/event';
import { useCreateVoucher, useVouchers, type OrganizerVoucher } from '../api/vouchers';
import { localInputToIso, userTimeZone } from '../datetime';
import { useFieldError } from '../field-errors';
import { formatCount } from '../format';
import { parseMajorUnits } from '../money';
import { CheckboxField, InputField, SelectField } from './fields';
import { useEventContext } from './event-layout';

const FIELDS = ['code', 'kind', 'value', 'ticketTypeIds', 'maxUses', 'validFrom', 'validUntil'] as const;
const KINDS: VoucherKind[] = ['PERCENT', 'AMOUNT', 'FREE'];

/** /organizer/events/:id/vouchers: the event's codes, how much each was used, and a form for a new one. */
export function VouchersPage() {
  const { t } = useI18n();
  const { event } = useEventContext();
  const { data, error } = useVouchers(event.id);
  const vouchers = data?.event?.vouchers;
  return (
    <>
      <section aria-labelledby="org-vouchers-heading">
        <h2 id="org-vouchers-heading">{t('organizer.section.vouchers')}</h2>
        <p className="muted">{t('organizer.vouchers.intro')}</p>
        <ErrorAlert error={error} />
        {!vouchers ? (
          <p className="placeholder">{t('app.loading')}</p>
        ) : vouchers.length === 0 ? (
          <p className="placeholder">{t('organizer.vouchers.none')}</p>
        ) : (
          <VouchersTable vouchers={vouchers} currency={event.ticketTypes[0]?.currency ?? 'EUR'} />
        )}
      </section>
      {isOpen(event) && (
        <section aria-labelledby="org-new-voucher-heading" className="org-section">
          <h2 id="org-new-voucher-heading">{t('organizer.voucher.add')}</h2>
          <VoucherForm event={event} />
        </section>
      )}
    </>
  );
}

function VouchersTable({ vouchers, currency }: { vouchers: readonly OrganizerVoucher[]; currency: string }) {
  const { t, locale } = useI18n();
  const discount = (voucher: OrganizerVoucher) =>
    voucher.kind === 'FREE'
      ? t('organizer.vouchers.free')
      : voucher.kind === 'PERCENT'
        ? t('organizer.vouchers.percentOff', { value: voucher.value })
        : t('organizer.vouchers.amountOff', { amount: formatMoney(voucher.value, currency, locale) });
  const validity = (voucher: OrganizerVoucher) =>
    voucher.validFrom && voucher.validUntil
      ? `${formatDateTime(voucher.validFrom, locale)} – ${formatDateTime(voucher.validUntil, locale)}`
      : voucher.validFrom
        ? t('organizer.vouchers.from', { date: formatDateTime(voucher.validFrom, locale) })
        : voucher.validUntil
          ? t('organizer.vouchers.until', { date: formatDateTime(voucher.validUntil, locale) })
          : t('organizer.vouchers.always');
  return (
    <div className="org-table-wrap">
      <table className="org-table" aria-labelledby="org-vouchers-heading">
        <thead>
          <tr>
            <th scope="col">{t('organizer.vouchers.code')}</th>
            <th scope="col">{t('organizer.vouchers.discount')}</th>
            <th scope="col">{t('organizer.vouchers.appliesTo')}</th>
            <th scope="col" className="num">
              {t('organizer.vouchers.used')}
            </th>
            <th scope="col">{t('organizer.vouchers.validity')}</th>
          </tr>
        </thead>
        <tbody>
          {vouchers.map((voucher) => (
            <tr key={voucher.id}>
              <th scope="row" data-label={t('organizer.vouchers.code')}>
                <code>{voucher.code}</code>
              </th>
              <td data-label={t('organizer.vouchers.discount')}>{discount(voucher)}</td>
              <td data-label={t('organizer.vouchers.appliesTo')}>
                {voucher.ticketTypes.length === 0
                  ? t('organizer.vouchers.allTypes')
                  : voucher.ticketTypes.map((type) => type.name).join(', ')}
              </td>
              <td className="num" data-label={t('organizer.vouchers.used')}>
                {voucher.maxUses == null
                  ? formatCount(voucher.used, locale)
                  : t('organizer.vouchers.usedOf', { used: formatCount(voucher.used, locale), max: formatCount(voucher.maxUses, locale) })}
              </td>
              <td data-label={t('organizer.vouchers.validity')}>{validity(voucher)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Values {
  code: string;
  kind: VoucherKind;
  value: string;
  ticketTypeIds: string[];
  maxUses: string;
  validFrom: string;
  validUntil: string;
}

const EMPTY: Values = { code: '', kind: 'PERCENT', value: '', ticketTypeIds: [], maxUses: '', validFrom: '', validUntil: '' };

/** A new voucher: an AMOUNT is typed in major units of the event's currency and sent in minor units. */
function VoucherForm({ event }: { event: OrganizerEvent }) {
  const { t, locale } = useI18n();
  const timeZone = userTimeZone();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>(EMPTY);
  const [created, setCreated] = useState<string | undefined>();
  const [createVoucher, { loading, error }] = useCreateVoucher();
  const { errorFor, formError } = useFieldError(error, 'voucher', FIELDS, formRef);
  const currency = event.ticketTypes[0]?.currency ?? 'EUR';
  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setCreated(undefined);
    setValues((current) => ({ ...current, [field]: value }));
  };
  const amount = values.kind === 'AMOUNT' ? parseMajorUnits(values.value, currency) : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = values.kind === 'FREE' ? 0 : values.kind === 'AMOUNT' ? (amount ?? -1) : Number(values.value);
    const input = {
      code: values.code.trim(),
      kind: values.kind,
      value,
      ticketTypeIds: values.ticketTypeIds.length > 0 ? values.ticketTypeIds : null,
      maxUses: values.maxUses ? Number(values.maxUses) : null,
      validFrom: values.validFrom ? (localInputToIso(values.validFrom, timeZone) ?? null) : null,
      validUntil: values.validUntil ? (localInputToIso(values.validUntil, timeZone) ?? null) : null,
    };
    const result = await createVoucher({ variables: { eventId: event.id, input } }).catch(() => undefined);
    if (!result?.data) return;
    setValues(EMPTY);
    setCreated(result.data.createVoucher.code);
  };

  return (
    <form ref={formRef} className="form org-form" onSubmit={submit}>
      <ErrorAlert error={formError} />
      <div className="org-row">
        <InputField
          label={t('organizer.voucher.code')}
          name="code"
          required
          autoComplete="off"
          maxLength={50}
          hint={t('organizer.voucher.codeHint')}
          value={values.code}
          error={errorFor('code')}
          onChange={(e) => set('code', e.target.value)}
        />
        <SelectField
          label={t('organizer.voucher.kind')}
          name="kind"
          value={values.kind}
          error={errorFor('kind')}
          onChange={(e) => set('kind', e.target.value as VoucherKind)}
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`organizer.voucher.kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        {values.kind !== 'FREE' && (
          <InputField
            label={values.kind === 'PERCENT' ? t('organizer.voucher.percent') : t('organizer.voucher.amount', { currency })}
            name="value"
            inputMode={values.kind === 'PERCENT' ? 'numeric' : 'decimal'}
            autoComplete="off"
            required
            value={values.value}
            hint={
              amount !== undefined ? t('organizer.ticketType.priceReads', { amount: formatMoney(amount, currency, locale) }) : undefined
            }
            error={errorFor('value')}
            onChange={(e) => set('value', e.target.value)}
          />
        )}
      </div>
      {event.ticketTypes.length > 0 && (
        <fieldset className="org-fieldset">
          <legend>{t('organizer.voucher.types')}</legend>
          <p className="hint">{t('organizer.voucher.typesHint')}</p>
          {event.ticketTypes.map((type) => (
            <CheckboxField
              key={type.id}
              label={type.hidden ? `${type.name} (${t('organizer.ticketTypes.hidden')})` : type.name}
              name="ticketTypeIds"
              value={type.id}
              checked={values.ticketTypeIds.includes(type.id)}
              onChange={(e) =>
                set(
                  'ticketTypeIds',
                  e.target.checked ? [...values.ticketTypeIds, type.id] : values.ticketTypeIds.filter((id) => id !== type.id),
                )
              }
            />
          ))}
        </fieldset>
      )}
      <div className="org-row">
        <InputField
          label={t('organizer.voucher.maxUses')}
          name="maxUses"
          type="number"
          inputMode="numeric"
          min={1}
          hint={t('organizer.voucher.maxUsesHint')}
          value={values.maxUses}
          error={errorFor('maxUses')}
          onChange={(e) => set('maxUses', e.target.value)}
        />
      </div>
      <div className="org-row">
        <InputField
          label={t('organizer.voucher.validFrom')}
          name="validFrom"
          type="datetime-local"
          hint={t('organizer.timeZoneHint', { zone: timeZone })}
          value={values.validFrom}
          error={errorFor('validFrom')}
          onChange={(e) => set('validFrom', e.target.value)}
        />
        <InputField
          label={t('organizer.voucher.validUntil')}
          name="validUntil"
          type="datetime-local"
          value={values.validUntil}
          error={errorFor('validUntil')}
          onChange={(e) => set('validUntil', e.target.value)}
        />
      </div>
      <div>
        <button className="button primary" type="submit" disabled={loading}>
          {loading ? t('form.submitting') : t('organizer.voucher.submit')}
        </button>
      </div>
      <p role="status" className="org-saved">
        {created ? t('organizer.voucher.created', { code: created }) : ''}
      </p>
    </form>
  );
}
