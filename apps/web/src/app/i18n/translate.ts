/**
 * Translation, without a framework: nested message files (fr.json is the reference), `{{name}}`
 * interpolation, and plurals chosen by the language's CLDR rules (Intl.PluralRules): a key `k`
 * with `count` reads `k_one`, `k_other`…, or `k_ordinal_one`… for ordinals ("1ᵉʳ", "2nd").
 * Keys are checked at compile time against the French file.
 */
import type fr from './fr.json';
import type agendaFr from '../../agenda/i18n/fr.json';
import type budgetFr from '../../budget/i18n/fr.json';
import type accountFr from '../../account/i18n/fr.json';
import type consoleFr from '../../console/i18n/fr.json';
import type deliberationFr from '../../deliberation/i18n/fr.json';
import type recruitmentFr from '../../recruitment/i18n/fr.json';
import type referendumFr from '../../referendum/i18n/fr.json';

export type Messages = { [key: string]: string | Messages };

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type WithoutPlural<K extends string> = K extends `${infer Base}_ordinal_${PluralCategory}` ? Base : K extends `${infer Base}_${PluralCategory}` ? Base : K;

/**
 * Every message key of the app (plural variants under their common key): the core bundle's, and
 * the features' (petitions, citizen votes, the live room, the console, the budget), which the modules saying
 * them load (app/i18n/i18n.ts).
 */
export type MessageKey = WithoutPlural<Leaves<typeof fr> | Leaves<typeof agendaFr> | Leaves<typeof referendumFr> | Leaves<typeof deliberationFr> | Leaves<typeof consoleFr> | Leaves<typeof budgetFr> | Leaves<typeof recruitmentFr> | Leaves<typeof accountFr>>;

export type TranslateValues = { count?: number; ordinal?: boolean } & Record<string, string | number | boolean | undefined>;

export type Translate = (key: MessageKey, values?: TranslateValues) => string;

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** A translator for one language, falling back to `fallback` (French) for a missing message. */
export function createTranslator(locale: string, messages: Messages, fallback: Messages = messages): Translate {
  const cardinal = new Intl.PluralRules(locale);
  const ordinal = new Intl.PluralRules(locale, { type: 'ordinal' });
  const find = (key: string): string | undefined => lookup(messages, key) ?? lookup(fallback, key);
  return (key, values = {}) => {
    let text: string | undefined;
    if (typeof values.count === 'number') {
      const category = (values.ordinal === true ? ordinal : cardinal).select(values.count);
      const infix = values.ordinal === true ? '_ordinal_' : '_';
      text = find(`${key}${infix}${category}`) ?? find(`${key}${infix}other`);
    }
    text ??= find(key) ?? key;
    return text.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => {
      const value = values[name];
      return value === undefined || typeof value === 'boolean' ? placeholder : String(value);
    });
  };
}
