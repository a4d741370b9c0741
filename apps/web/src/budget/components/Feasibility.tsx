import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import type { Envelope, Project } from '../hooks/budget';
import '../i18n/messages';

/** A project's study by the city's services: pending, or admissible with its cost and envelope, or not with the reason. */
export function Feasibility({ project, envelope }: { project: Project; envelope: Envelope | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <p className={`feasibility feasibility-${project.feasibility}`}>
        <strong>{t(`budget.feasibility.${project.feasibility}`)}</strong>
        {project.feasibility === 'admissible' && project.costCents !== null ? ` · ${t('budget.project.cost', { cost: format.money(project.costCents) })}` : ''}
        {envelope !== undefined ? ` · ${t('budget.project.envelope', { name: envelope.name })}` : ''}
      </p>
      {project.feasibilityReason !== null ? <p className="card-meta">{t('budget.project.reason', { reason: project.feasibilityReason })}</p> : null}
    </>
  );
}
