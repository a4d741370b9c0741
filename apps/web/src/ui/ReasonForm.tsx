import { useState, type ReactNode } from 'react';
import { useTranslation } from '../app/i18n/i18n';
import { ErrorMessage } from './ErrorMessage';
import { TextField } from './TextField';

interface ReasonFormProps {
  label: ReactNode;
  hint?: ReactNode;
  /** Said under the field when it is sent empty. */
  required: string;
  /** The confirming button's words (a destructive action: it is styled as one). */
  confirm: ReactNode;
  pending: boolean;
  /** The server's refusal, if any. */
  error?: unknown;
  maxLength?: number;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}

/**
 * An action that must say why (ending a membership, withdrawing an answer…): the reason, checked
 * not blank before sending, the server's refusal in words, cancel and confirm.
 */
export function ReasonForm({ label, hint, required, confirm, pending, error, maxLength = 500, onCancel, onSubmit }: ReasonFormProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === '') return setProblem(required);
        onSubmit(reason.trim());
      }}
    >
      <TextField
        label={label}
        hint={hint}
        value={reason}
        error={problem}
        maxLength={maxLength}
        onChange={(event) => {
          setReason(event.target.value);
          setProblem(null);
        }}
      />
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="danger" disabled={pending}>
          {confirm}
        </button>
      </div>
    </form>
  );
}
