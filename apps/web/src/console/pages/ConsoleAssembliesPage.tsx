import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { useAllAssemblies } from '../../deliberation/hooks/assemblies';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { RequireRole } from '../components/RequireRole';
import { useCreateAssembly } from '../hooks/assemblies';
import { assemblyProblems, type AssemblyDraft } from '../utils/forms';
import { CONSOLE_ROLES } from '../utils/roles';
import { ErrorSummary } from '../../ui/ErrorSummary';
import '../i18n/messages';
import '../../deliberation/i18n/messages';

/** The city's assemblies, and a new one. */
export function ConsoleAssembliesPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.assemblies.title')}>
      <AssembliesConsole />
    </RequireRole>
  );
}

function AssembliesConsole() {
  const { t } = useTranslation();
  const assemblies = useAllAssemblies();
  return (
    <>
      <PageTitle title={t('console.assemblies.title')} />
      <p>
        <Link to="/console">{t('console.back')}</Link>
      </p>
      <section aria-labelledby="assemblies-list" className="section">
        <h2 id="assemblies-list">{t('console.assemblies.list')}</h2>
        {assemblies.data === undefined ? (
          assemblies.error ? <ErrorMessage error={assemblies.error} /> : <Loading />
        ) : assemblies.data.items.length === 0 ? (
          <p className="empty">{t('console.assemblies.none')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="assemblies-list" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('console.assemblies.name')}</th>
                  <th scope="col">{t('console.assemblies.status')}</th>
                  <th scope="col" className="number">
                    {t('console.assemblies.seats')}
                  </th>
                  <th scope="col">{t('console.assemblies.term')}</th>
                </tr>
              </thead>
              <tbody>
                {assemblies.data.items.map((assembly) => (
                  <tr key={assembly.id}>
                    <th scope="row">
                      <Link to={`/console/assemblies/${assembly.id}`}>{assembly.name}</Link>
                    </th>
                    <td>{t(`assembly.status.${assembly.status}`)}</td>
                    <td className="number">{assembly.seats}</td>
                    <td>
                      <TimeText iso={assembly.termStart} dateOnly /> – <TimeText iso={assembly.termEnd} dateOnly />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CreateAssemblyForm />
    </>
  );
}

function CreateAssemblyForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateAssembly();
  const [draft, setDraft] = useState<AssemblyDraft>({ name: '', seats: '100', termStart: '', termEnd: '', description: '' });
  const [problems, setProblems] = useState<Partial<Record<keyof AssemblyDraft, string>>>({});
  const [attempts, setAttempts] = useState(0);
  const set = (field: keyof AssemblyDraft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });

  const submit = (): void => {
    const found = assemblyProblems(draft, t);
    setProblems(found);
    setAttempts((count) => count + 1);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      { name: draft.name.trim(), seats: Number(draft.seats), termStart: draft.termStart, termEnd: draft.termEnd, ...(draft.description.trim() === '' ? {} : { description: draft.description.trim() }) },
      { onSuccess: (assembly) => void navigate(`/console/assemblies/${assembly.id}`) },
    );
  };

  return (
    <section aria-labelledby="assembly-new" className="section">
      <h2 id="assembly-new">{t('console.assemblies.new')}</h2>
      <ErrorSummary problems={problems} attempts={attempts} title={t('console.form.fix')} />
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextField label={t('console.assemblies.name')} value={draft.name} onChange={set('name')} error={problems.name} maxLength={200} />
        <TextField label={t('console.assemblies.seats')} hint={t('console.assemblies.seatsHint')} inputMode="numeric" value={draft.seats} onChange={set('seats')} error={problems.seats} />
        <TextField label={t('console.assemblies.termStart')} type="date" value={draft.termStart} onChange={set('termStart')} error={problems.termStart} />
        <TextField label={t('console.assemblies.termEnd')} type="date" value={draft.termEnd} onChange={set('termEnd')} error={problems.termEnd} />
        <TextField label={t('console.assemblies.description')} value={draft.description} onChange={set('description')} maxLength={2000} />
        {create.error ? <ErrorMessage error={create.error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('console.assemblies.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
