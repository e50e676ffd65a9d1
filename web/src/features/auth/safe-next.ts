/** Where to go after signing in: a path on this site only (`//evil.example` is another site). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
