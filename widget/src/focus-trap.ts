const FOCUSABLE =
  'button:not([disabled]), textarea:not([disabled]), input:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** The elements of `container` that Tab can reach, in order; hidden ones are left out. */
export function focusables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.closest('[hidden]') && el.getClientRects().length > 0,
  );
}

/**
 * Keeps Tab and Shift+Tab inside `container` (the open panel): from the last focusable element
 * Tab goes to the first, and back. `active` tells which element has focus (inside a shadow root,
 * `document.activeElement` is the host).
 *
 * @example panel.addEventListener('keydown', (e) => trapTab(e, panel, () => shadow.activeElement))
 */
export function trapTab(event: KeyboardEvent, container: HTMLElement, active: () => Element | null): void {
  if (event.key !== 'Tab') return;
  const items = focusables(container);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const current = active();
  if (event.shiftKey && (current === first || !container.contains(current))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (current === last || !container.contains(current))) {
    event.preventDefault();
    first.focus();
  }
}
