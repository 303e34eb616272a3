// A modal built on the native <dialog>: focus moves in and is trapped by the browser, Escape closes it, and focus
// returns to what opened it.
import { useEffect, useId, useRef, type ReactNode } from 'react';

/** A titled modal dialog, open while `open` is true. */
export function ModalDialog(props: { open: boolean; title: string; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={props.onClose} className="modal">
      <div className="modal-header">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" className="button-quiet" onClick={props.onClose}>
          Close
        </button>
      </div>
      {props.open && props.children}
    </dialog>
  );
}
