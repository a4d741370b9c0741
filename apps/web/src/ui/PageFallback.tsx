import { ErrorMessage } from './ErrorMessage';
import { Loading } from './Loading';
import { PageTitle } from './PageTitle';

/** A page whose data has not come (yet): its title, and the loading line or the error said in words. */
export function PageFallback({ title, error }: { title: string; error: unknown }) {
  return (
    <>
      <PageTitle title={title} />
      {error ? <ErrorMessage error={error} /> : <Loading />}
    </>
  );
}
