import type { QuestionKind } from '@/__generated__/graphql';
import { useI18n } from '@/lib/i18n';
import './ticket-attendee.css';

interface TicketAttendeeProps {
  attendeeName?: string | null;
  /** Optional: a copy of the tickets saved offline before answers were asked for has none. */
  answers?: readonly { questionId: string; label: string; kind: QuestionKind; value: string }[];
}

/** Who a ticket is for and what they answered, as the buyer gave them when ordering; nothing when nobody was named. */
export function TicketAttendee({ attendeeName, answers = [] }: TicketAttendeeProps) {
  const { t } = useI18n();
  if (!attendeeName && answers.length === 0) return null;
  return (
    <div className="ticket-attendee">
      {attendeeName && <p className="ticket-attendee-name">{t('tickets.attendee', { name: attendeeName })}</p>}
      {answers.length > 0 && (
        <dl className="ticket-answers">
          {answers.map((answer) => (
            <div key={answer.questionId}>
              <dt>{answer.label}</dt>
              <dd>{answer.kind === 'CHECKBOX' ? t(answer.value === 'true' ? 'tickets.answer.yes' : 'tickets.answer.no') : answer.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
