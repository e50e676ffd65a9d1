import { Link } from 'react-router';
import { Page } from '@/components/page';
import { useI18n } from '@/lib/i18n';

/** An address under /organizer that is no page, or an event or order that is not this organizer's. */
export function OrganizerNotFound({ title }: { title?: string }) {
  const { t } = useI18n();
  return (
    <Page title={title ?? t('notFound.title')}>
      <p>{t('organizer.notFound.body')}</p>
      <Link to="/organizer">{t('organizer.backToEvents')}</Link>
    </Page>
  );
}
