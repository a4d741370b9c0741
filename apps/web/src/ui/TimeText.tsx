import { useFormat } from '../app/i18n/useFormat';

/** A moment in Paris time, in the language on screen, machine-readable too. */
export function TimeText({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const format = useFormat();
  return <time dateTime={iso}>{dateOnly ? format.date(iso) : format.dateTime(iso)}</time>;
}
