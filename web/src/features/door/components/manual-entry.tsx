/** @jsxImportSource preact */
import { useState } from 'preact/hooks';
import { useDoorI18n } from '../i18n';

/** For a QR code that will not scan: the short code printed under it, or the QR text pasted in. */
export function ManualEntry({ onSubmit }: { onSubmit: (text: string) => Promise<void> }) {
  const { t } = useDoorI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    try {
      await onSubmit(text.trim());
      setText('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="door-form door-manual" onSubmit={submit}>
      <label for="door-code">{t('door.manual.label')}</label>
      <p id="door-code-hint" class="door-hint">
        {t('door.manual.hint')}
      </p>
      <div class="door-inline">
        <input
          id="door-code"
          type="text"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          aria-describedby="door-code-hint"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" class="door-button is-primary" disabled={busy}>
          {t('door.manual.submit')}
        </button>
      </div>
    </form>
  );
}
