import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import fr from './fr.json';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'pnyx.language';

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr'; // storage disabled: French, the default
  }
}

/** English is a separate chunk: French pages (the default) do not download it. */
async function loadLanguage(language: Language): Promise<void> {
  if (language === 'en' && !i18next.hasResourceBundle('en', 'translation')) {
    i18next.addResourceBundle('en', 'translation', (await import('./en.json')).default);
  }
}

/** French by default; English when chosen before (remembered in this browser). */
export async function initI18n(): Promise<void> {
  const language = storedLanguage();
  await i18next.use(initReactI18next).init({
    lng: 'fr',
    fallbackLng: 'fr',
    resources: { fr: { translation: fr } },
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  if (language !== 'fr') await changeLanguage(language, false);
  document.documentElement.lang = i18next.language;
}

export async function changeLanguage(language: Language, remember = true): Promise<void> {
  await loadLanguage(language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // not remembered, still switched
    }
  }
}
