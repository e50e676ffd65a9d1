import { useEffect, type ReactNode } from 'react';
import { useI18n } from '@/lib/i18n';

/** A page's heading, which also names the browser tab ("My tickets · Sbor"). */
export function Page({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="page">
      <h1>{title}</h1>
      {children}
    </div>
  );
}
