/** Hides the password of a connection URL (`postgres://gyre:****@db/gyre`). */
export function maskUrlPassword(url: string): string {
  return url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)([^@]*)@/i,
    (_all, head: string) => `${head}****@`,
  );
}
