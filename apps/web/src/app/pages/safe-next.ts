/** Where to go after signing in: a path of this site only (never `//evil.example` or a full URL). */
export function safeNext(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
