// Loaded on the first hash or check: most starts and most requests need neither.
const argon2 = () => import('@node-rs/argon2');

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended floor. */
export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password);
}

export async function verifyPassword(data: { hash: string; password: string }): Promise<boolean> {
  try {
    return await (await argon2()).verify(data.hash, data.password);
  } catch {
    // A malformed stored hash is a failed sign-in, not a server error.
    return false;
  }
}
