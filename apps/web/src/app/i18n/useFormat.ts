import { useMemo } from 'react';
import { useTranslation } from './i18n';
import { formattersFor, type Formatters } from './format';

/** Formatters for the language on screen. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => formattersFor(i18n.language), [i18n.language]);
}
