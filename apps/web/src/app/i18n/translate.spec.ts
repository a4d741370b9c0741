import { describe, expect, it } from '@jest/globals';
import { createTranslator } from './translate';

const fr = {
  greeting: 'Bonjour {{name}}',
  votes: { count_one: '{{count}} vote', count_other: '{{count}} votes' },
  rank_ordinal_one: '{{count}}ᵉʳ',
  rank_ordinal_other: '{{count}}ᵉ',
  onlyFrench: 'seulement en français',
};
const en = {
  greeting: 'Hello {{name}}',
  votes: { count_one: '{{count}} vote', count_other: '{{count}} votes' },
  rank_ordinal_one: '{{count}}st',
  rank_ordinal_two: '{{count}}nd',
  rank_ordinal_few: '{{count}}rd',
  rank_ordinal_other: '{{count}}th',
};

describe('createTranslator', () => {
  // The keys of these small files are not the app's: call through a loosely typed view.
  const loose = (locale: string, messages: object, fallback?: object) => createTranslator(locale, messages as never, fallback as never) as unknown as (key: string, values?: object) => string;

  it('interpolates values and reads nested keys', () => {
    expect(loose('fr-FR', fr)('greeting', { name: 'Camille' })).toBe('Bonjour Camille');
    expect(loose('fr-FR', fr)('greeting')).toBe('Bonjour {{name}}');
  });

  it('picks plurals by the language’s rules: French counts 0 and 1 as one', () => {
    const t = loose('fr-FR', fr);
    expect(t('votes.count', { count: 0 })).toBe('0 vote');
    expect(t('votes.count', { count: 1 })).toBe('1 vote');
    expect(t('votes.count', { count: 2 })).toBe('2 votes');
    const e = loose('en-GB', en);
    expect(e('votes.count', { count: 0 })).toBe('0 votes');
    expect(e('votes.count', { count: 1 })).toBe('1 vote');
  });

  it('writes ordinals: 1ᵉʳ, 2ᵉ in French; 1st, 2nd, 3rd, 4th, 11th, 22nd in English', () => {
    const t = loose('fr-FR', fr);
    expect([1, 2, 3].map((count) => t('rank', { count, ordinal: true }))).toEqual(['1ᵉʳ', '2ᵉ', '3ᵉ']);
    const e = loose('en-GB', en);
    expect([1, 2, 3, 4, 11, 22].map((count) => e('rank', { count, ordinal: true }))).toEqual(['1st', '2nd', '3rd', '4th', '11th', '22nd']);
  });

  it('falls back to French, then to the key itself', () => {
    const e = loose('en-GB', en, fr);
    expect(e('onlyFrench')).toBe('seulement en français');
    expect(e('nowhere.at.all')).toBe('nowhere.at.all');
  });
});
