/** The token of an emailed link: it travels after `#token=`, so no server ever logs it. */
export function tokenFromHash(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length > 0 ? token : undefined;
}
