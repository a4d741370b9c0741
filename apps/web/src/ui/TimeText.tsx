import { useFormat } from '../app/i18n/useFormat';

/** A moment in Paris time, in the language on screen, machine-readable too. */
export function TimeText({ iso, dateOnly = false, timeOnly = false }: { iso: string; dateOnly?: boolean; timeOnly?: boolean }) {
  const format = useFormat();
  return <time dateTime={iso}>{dateOnly ? format.date(iso) : timeOnly ? format.time(iso) : format.dateTime(iso)}</time>;
}
