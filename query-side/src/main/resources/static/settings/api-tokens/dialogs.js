// Modal dialogs on the native <dialog> element: showModal() makes the rest of the page inert, so focus stays inside,
// and Escape closes it. This adds what the element leaves to the page: focus goes back to whatever opened the dialog,
// and a close hook runs however the dialog was closed (button, Escape or script).

/**
 * Opens `dialog` modally; `onClose` runs once when it closes, before focus returns to `opener`.
 * @param {HTMLDialogElement} dialog
 * @param {{opener?: HTMLElement, initialFocus?: HTMLElement, onClose?: () => void}} options
 */
export function openDialog(dialog, { opener = document.activeElement, initialFocus, onClose } = {}) {
  dialog.addEventListener(
    'close',
    () => {
      if (onClose) {
        onClose();
      }
      const target = dialog.returnFocusTo || opener;
      dialog.returnFocusTo = null;
      if (target && target.isConnected && typeof target.focus === 'function') {
        target.focus();
      }
    },
    { once: true },
  );
  dialog.showModal();
  if (initialFocus) {
    initialFocus.focus();
  }
}

/** Wires every `[data-close]` button inside `dialog` to close it. */
export function closeButtons(dialog) {
  for (const button of dialog.querySelectorAll('[data-close]')) {
    button.addEventListener('click', () => dialog.close());
  }
}

/** Closes `dialog` and resolves once its close hook has run and focus has gone back, so another can open after. */
export function closeDialog(dialog) {
  if (!dialog.open) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => window.setTimeout(resolve), { once: true });
    dialog.close();
  });
}
