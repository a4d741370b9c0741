import { authorizedFetch } from '../auth/session';
import { apiErrorFrom, NetworkError } from './errors';

/**
 * Sends files (pools, rolls) as multipart/form-data with the session's token, and reads the JSON
 * answer, or throws the refusal as an ApiError (openapi-fetch types JSON bodies, not forms).
 */
export async function sendForm<T>(method: 'POST' | 'PUT', path: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await authorizedFetch(new Request(path, { method, body: form, credentials: 'same-origin' }));
  } catch {
    throw new NetworkError();
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorFrom(response, body);
  return body as T;
}

/** Sends a file as the raw request body (a source list as text/csv, streamed by the server) and reads the JSON answer. */
export async function sendFile<T>(method: 'POST' | 'PUT', path: string, file: Blob, contentType: string): Promise<T> {
  let response: Response;
  try {
    response = await authorizedFetch(new Request(path, { method, body: file, headers: { 'Content-Type': contentType }, credentials: 'same-origin' }));
  } catch {
    throw new NetworkError();
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorFrom(response, body);
  return body as T;
}
