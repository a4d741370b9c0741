import { useSyncExternalStore } from 'react';
import fr from './fr.json';
import { createTranslator, type Messages, type Translate } from './translate';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'pnyx.language';
const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

interface I18nState {
  language: Language;
  t: Translate;
}

/**
 * Message bundles beyond the core one: the petitions', the citizen votes', the live room's and the
 * console's, registered by the modules that say their words when those load, so a ballot never
 * downloads the console's sentences. English copies load when English is on screen.
 */
interface Bundle {
  fr: Messages;
  en?: Messages;
  loadEn: () => Promise<Messages>;
}
const bundles = new Map<string, Bundle>();
let language: Language = 'fr';
let coreEn: Messages | undefined;
let state: I18nState = { language, t: createTranslator(LOCALES.fr, fr) };
const listeners = new Set<() => void>();

function merged(core: Messages, extra: ReadonlyArray<Messages | undefined>): Messages {
  const all: Messages = { ...core };
  for (const messages of extra) if (messages !== undefined) Object.assign(all, messages);
  return all;
}

/** Builds the translator for the language on screen from every bundle loaded so far (French fills gaps). */
function rebuild(): void {
  const french = merged(fr, [...bundles.values()].map((bundle) => bundle.fr));
  const shown = language === 'en' && coreEn !== undefined ? merged(coreEn, [...bundles.values()].map((bundle) => bundle.en)) : french;
  state = { language, t: createTranslator(LOCALES[language], shown, french) };
  for (const listener of listeners) listener();
}

async function loadEnglish(): Promise<void> {
  coreEn ??= (await import('./en.json')).default;
  await Promise.all([...bundles.values()].map(async (bundle) => (bundle.en ??= await bundle.loadEn())));
}

/** A feature's messages (top-level keys of their own), available from now on; English follows if on screen. */
export function registerMessages(name: string, french: Messages, loadEn: () => Promise<Messages>): void {
  if (bundles.has(name)) return;
  const bundle: Bundle = { fr: french, loadEn };
  bundles.set(name, bundle);
  rebuild();
  if (language === 'en') {
    pending.add(
      loadEn().then(
        (english) => {
          bundle.en = english;
          rebuild();
        },
        () => undefined, // offline: French stands in (the translator falls back to it)
      ),
    );
  }
}

const pending = new Set<Promise<void>>();

/** Resolves once the English copies of the bundles registered so far are in (at once in French). */
export async function messagesReady(): Promise<void> {
  const waiting = [...pending];
  pending.clear();
  await Promise.all(waiting);
}

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr'; // storage disabled: French, the default
  }
}

/** French by default; English when chosen before (remembered in this browser). */
export async function initI18n(): Promise<void> {
  const stored = storedLanguage();
  if (stored !== 'fr') await changeLanguage(stored, false);
  document.documentElement.lang = state.language;
}

/** Switches the language; English is a separate chunk, which French pages (the default) never download. */
export async function changeLanguage(next: Language, remember = true): Promise<void> {
  if (next === 'en') await loadEnglish();
  language = next;
  rebuild();
  document.documentElement.lang = next;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
  }
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
