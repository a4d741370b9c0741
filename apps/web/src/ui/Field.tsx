import { useId, type ReactNode } from 'react';

export interface FieldIds {
  id: string;
  /** For the control's aria-describedby: its hint and its error, when there are. */
  describedBy: string | undefined;
}

/**
 * A form field's frame: the label, its hint and its error tied to the control (aria-describedby,
 * aria-invalid), for inputs and text areas alike. `children` renders the control with the ids.
 */
export function Field({ label, hint, error, className, children }: { label: ReactNode; hint?: ReactNode; error?: string | null; className?: string; children: (ids: FieldIds) => ReactNode }) {
  const id = useId();
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {children({ id, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined })}
    </div>
  );
}
