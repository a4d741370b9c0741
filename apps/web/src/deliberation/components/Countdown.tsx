import { useTranslation } from '../../app/i18n/i18n';
import { useNow } from '../hooks/useNow';
import { countdownPhase, formatClock, remainingMs } from '../utils/countdown';
import '../i18n/messages';

interface CountdownProps {
  endsAt: string | null;
  /** Time left as the server last said (used while paused). */
  frozenMs: number | null;
  offsetMs: number;
  warningSeconds: number;
  /** What counts down, for the accessible name ("Temps de parole restant"). */
  label: string;
  large?: boolean;
}

/**
 * Time left on a turn or an item, against the server's deadline and clock. Drawn as a bar and
 * written as m:ss; the warning is said in words, not by colour alone. It is not a live region:
 * announcements say the warning once, a screen reader can read the time on demand.
 */
export function Countdown({ endsAt, frozenMs, offsetMs, warningSeconds, label, large = false }: CountdownProps) {
  const { t } = useTranslation();
  const now = useNow();
  const ms = remainingMs(endsAt, frozenMs, offsetMs, now);
  const phase = countdownPhase(ms, warningSeconds);
  return (
    <p className={`countdown countdown-${phase}${large ? ' countdown-large' : ''}`}>
      <span className="countdown-label">{label}</span> <span className="countdown-time">{formatClock(ms)}</span>
      {endsAt === null && frozenMs !== null ? <span className="countdown-note"> {t('room.countdown.paused')}</span> : null}
      {phase === 'warning' ? <span className="countdown-note"> {t('room.countdown.warning')}</span> : null}
      {phase === 'over' ? <span className="countdown-note"> {t('room.countdown.over')}</span> : null}
    </p>
  );
}
