/** A refusal from the API, in its one error shape (`{ statusCode, code, message, details? }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
    readonly correlationId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server could not be reached (offline, DNS, server down): nothing is known about the request's fate. */
export class NetworkError extends Error {
  constructor() {
    super('The server could not be reached');
    this.name = 'NetworkError';
  }
}

interface ErrorBody {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  details?: unknown;
  correlationId?: unknown;
}

/** Builds an ApiError from a failed response and its (possibly absent or non-JSON) body. */
export function apiErrorFrom(response: Response, body: unknown): ApiError {
  const shape = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    typeof shape.code === 'string' ? shape.code : `HTTP_${response.status}`,
    typeof shape.message === 'string' ? shape.message : response.statusText,
    shape.details,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    typeof shape.correlationId === 'string' ? shape.correlationId : (response.headers.get('X-Request-Id') ?? undefined),
  );
}

export function isApiError(error: unknown, ...codes: string[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}
