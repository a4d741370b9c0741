import { describe, expect, it } from '@jest/globals';
import { isHandShortcut } from './shortcuts';

describe('the raise-hand shortcut', () => {
  const key = (code: string, modifiers: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) => ({ code, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...modifiers });
  it('is Alt+Shift+H, by physical key (any layout), and nothing else', () => {
    expect(isHandShortcut(key('KeyH', { altKey: true, shiftKey: true }))).toBe(true);
    expect(isHandShortcut(key('KeyH', { shiftKey: true }))).toBe(false); // typing a capital H
    expect(isHandShortcut(key('KeyH', { altKey: true }))).toBe(false);
    expect(isHandShortcut(key('KeyH', { altKey: true, shiftKey: true, ctrlKey: true }))).toBe(false);
    expect(isHandShortcut(key('KeyJ', { altKey: true, shiftKey: true }))).toBe(false);
  });
});
