import createClient from 'openapi-fetch';
import { authorizedFetch } from '../auth/session';
import { apiErrorFrom, NetworkError } from './errors';
import type { components, paths } from './schema';

/** DTOs of the API, by their OpenAPI schema names (generated, never copied by hand). */
export type Schemas = components['schemas'];

/** The typed REST client: every path, parameter and body is checked against the OpenAPI document. */
export const api = createClient<paths>({ fetch: authorizedFetch });

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call: its data, or an ApiError / NetworkError to show the person. */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (error) {
    if (error instanceof TypeError) throw new NetworkError(); // fetch rejects only when nothing came back
    throw error;
  }
  if (!result.response.ok) throw apiErrorFrom(result.response, result.error);
  return result.data as T;
}
