/**
 * The keyboard shortcut for raising and lowering one's hand: Alt+Shift+H (Option+Shift+H on a
 * Mac). Two modifiers, so it never fires while typing (WCAG 2.1.4) and clashes with no screen
 * reader's keys; announced on the button (aria-keyshortcuts) and written beside it.
 */
export const HAND_SHORTCUT = 'Alt+Shift+H';

export function isHandShortcut(event: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyH';
}
