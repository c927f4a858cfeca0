/**
 * Hides the password of a connection URL (`postgres://gyre:****@db/gyre`). Everything between
 * `user:` and the last `@` counts as the password: over-masking an odd URL is harmless, showing
 * part of a password (one holding a raw `@` or `/`) is not.
 */
export function maskUrlPassword(url: string): string {
  return url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)(.*)@/is,
    (_all, head: string) => `${head}****@`,
  );
}
