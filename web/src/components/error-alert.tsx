import { errorMessage, useI18n } from '@/lib/i18n';

/** A failure, said as a sentence in the reader's language and announced to screen readers. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div className="alert" role="alert">
      <strong>{t('form.errorTitle')}</strong> {errorMessage(error, t)}
    </div>
  );
}
