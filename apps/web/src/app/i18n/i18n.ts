import { useSyncExternalStore } from 'react';
import fr from './fr.json';
import { createTranslator, type Translate } from './translate';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'pnyx.language';
const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

interface I18nState {
  language: Language;
  t: Translate;
}

let state: I18nState = { language: 'fr', t: createTranslator(LOCALES.fr, fr) };
const listeners = new Set<() => void>();

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr'; // storage disabled: French, the default
  }
}

/** French by default; English when chosen before (remembered in this browser). */
export async function initI18n(): Promise<void> {
  const language = storedLanguage();
  if (language !== 'fr') await changeLanguage(language, false);
  document.documentElement.lang = state.language;
}

/** Switches the language; English is a separate chunk, which French pages (the default) never download. */
export async function changeLanguage(language: Language, remember = true): Promise<void> {
  const messages = language === 'en' ? (await import('./en.json')).default : fr;
  state = { language, t: createTranslator(LOCALES[language], messages, fr) };
  document.documentElement.lang = language;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // not remembered, still switched
    }
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The translator and language on screen; components re-render when the language changes. */
export function useTranslation(): { t: Translate; i18n: { language: Language } } {
  const current = useSyncExternalStore(subscribe, () => state);
  return { t: current.t, i18n: { language: current.language } };
}
