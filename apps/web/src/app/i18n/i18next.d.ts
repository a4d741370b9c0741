import 'i18next';
import type fr from './fr.json';

// Translation keys are checked at compile time against the French file (the reference).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
    returnNull: false;
  }
}
