import { useEffect, useRef } from 'react';

/**
 * What to correct before a form can be sent, listed at its top; it takes the focus at each refused
 * attempt, so keyboard and screen-reader users hear it (each field also shows its own error).
 */
export function ErrorSummary({ problems, attempts, title }: { problems: Readonly<Record<string, string | undefined>>; attempts: number; title: string }) {
  const box = useRef<HTMLDivElement | null>(null);
  const messages = Object.values(problems).filter((message): message is string => message !== undefined);
  useEffect(() => {
    if (attempts > 0 && messages.length > 0) box.current?.focus();
    // Only a new attempt moves the focus, not each keystroke that changes the messages.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempts]);
  if (messages.length === 0) return null;
  return (
    <div className="notice notice-error error-summary" role="alert" tabIndex={-1} ref={box}>
      <h3>{title}</h3>
      <ul>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
