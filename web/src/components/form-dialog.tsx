import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './form-dialog.css';

interface FormDialogProps {
  open: boolean;
  /** The dialog's heading, which also names it for screen readers. */
  title: string;
  /** Escape, the close button and the caller's own "Cancel" all come here. */
  onClose: () => void;
  children: ReactNode;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog for any content, a form most often (ConfirmDialog asks a yes/no question), on the
 * native `<dialog>`: `showModal()` makes the page behind it inert, Escape
 * closes it, Tab and Shift+Tab cycle within it, and focus goes back where it was when it closes.
 * Its content mounts only while open, so a form inside starts empty each time.
 */
export function FormDialog({ open, title, onClose, children }: FormDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ?? dialog.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, [open]);

  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.offsetParent !== null);
    if (focusable.length === 0) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className="form-dialog"
      aria-labelledby={titleId}
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Escape: the caller decides (it may be busy); the effect closes the element.
        event.preventDefault();
        onClose();
      }}
      onClose={() => {
        // Closed by the browser itself (a second Escape may close without asking): keep the caller in step.
        if (open) onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="form-dialog-title">
            {title}
          </h2>
          {children}
        </>
      )}
    </dialog>
  );
}
