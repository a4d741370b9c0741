/** Every date and time is shown in Paris time, whatever the device's time zone. */
export const TIME_ZONE = 'Europe/Paris';

const LOCALES: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };

export interface Formatters {
  locale: string;
  number(value: number): string;
  percent(share: number, digits?: number): string;
  dateTime(iso: string): string;
  date(iso: string): string;
  /** Hours and minutes only: for what happens during a session. */
  time(iso: string): string;
  /** Euros from whole cents (the API's decimal strings): no decimals when there are none. */
  money(cents: string | number): string;
  /** A calendar day (YYYY-MM-DD, already a Paris day), in words. */
  day(isoDate: string): string;
  /** A month (YYYY-MM), in words: « novembre 2026 ». */
  month(yearMonth: string): string;
}

export function formattersFor(language: string): Formatters {
  const locale = LOCALES[language] ?? 'fr-FR';
  const numbers = new Intl.NumberFormat(locale);
  const dateTimes = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'long', timeStyle: 'short' });
  const dates = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'long' });
  const times = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, timeStyle: 'short' });
  return {
    locale,
    number: (value) => numbers.format(value),
    percent: (share, digits = 1) => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits }).format(share),
    dateTime: (iso) => dateTimes.format(new Date(iso)),
    date: (iso) => dates.format(new Date(iso)),
    time: (iso) => times.format(new Date(iso)),
    money: (cents) => {
      const whole = BigInt(cents);
      const fraction = whole % 100n !== 0n;
      // Number() is exact up to 2^53 cents (90 trillion euros); the division keeps the cents.
      return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', minimumFractionDigits: fraction ? 2 : 0, maximumFractionDigits: 2 }).format(Number(whole) / 100);
    },
    day: (isoDate) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(`${isoDate}T12:00:00Z`)),
    month: (yearMonth) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${yearMonth}-15T12:00:00Z`)),
  };
}
