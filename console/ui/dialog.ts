import { html } from "htm/preact";
import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";

/**
 * A modal dialog on the native <dialog>: focus moves into it and stays there, Escape closes it,
 * and focus returns to what opened it.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.showModal();
    return () => opener?.focus();
  }, []);
  const cancel = (event: Event) => {
    event.preventDefault();
    props.onClose();
  };
  return html`<dialog ref=${ref} aria-labelledby=${titleId} onCancel=${cancel}>
    <h2 id=${titleId}>${props.title}</h2>
    ${props.children}
  </dialog>`;
}

/** "Batal" / confirm, for a question with nothing to fill in. */
export function ConfirmDialog(props: {
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  children?: ComponentChildren;
}) {
  return html`<${Dialog} title=${props.title} onClose=${props.onClose}>
    ${props.children}
    <div class="actions">
      <button type="button" class="secondary" onClick=${props.onClose}>Batal</button>
      <button type="button" onClick=${props.onConfirm}>${props.confirmLabel}</button>
    </div>
  <//>`;
}
