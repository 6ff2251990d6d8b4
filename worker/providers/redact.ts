// Keeps API keys out of error messages, traces and logs: the configured keys and anything
// shaped like an OpenAI key (sk-...) or a bearer token become "***".
const KEY_LIKE = /\bsk-[A-Za-z0-9_-]{6,}/g;
const BEARER = /\b(Bearer\s+)[^\s"',]+/gi;

export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "keys" (e.g. "x" for a local server) would shred messages and protect nothing.
    if (secret && secret.length >= 6) out = out.split(secret).join('***');
  }
  return out.replace(KEY_LIKE, 'sk-***').replace(BEARER, '$1***');
}
