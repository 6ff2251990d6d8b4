// Keeps API keys out of error messages, traces and logs: the configured keys, anything shaped
// like a provider key (sk-..., sk-proj-..., gsk_..., xai-..., hf_..., AIza...), the masked forms
// providers echo back ("sk-proj-****abcd", "sk-...wxyz", "abc*****wxyz") and bearer tokens.
const KEY_LIKE = /\bsk-[A-Za-z0-9_\-*.\u2022\u2026]{4,}/g;
const OTHER_KEYS = /\b(?:gsk_|xai-|hf_|pplx-|nvapi-|r8_|AIza)[A-Za-z0-9_\-*.\u2022\u2026]{8,}/g;
/** A masked secret: a run of 3+ mask characters inside a token. */
const MASKED = /[A-Za-z0-9_.-]*(?:[*\u2022]{3,}|\.{3}|\u2026)[A-Za-z0-9_-]{2,}/g;
const KEY_PROVIDED = /(API key provided:?\s*)[^\s,;]+/gi;
const BEARER = /\b(Bearer\s+)[^\s"',]+/gi;

export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "keys" (e.g. "x" for a local server) would shred messages and protect nothing.
    if (secret && secret.length >= 6) out = out.split(secret).join('***');
  }
  return out
    .replace(KEY_PROVIDED, '$1***')
    .replace(KEY_LIKE, 'sk-***')
    .replace(OTHER_KEYS, '***')
    .replace(MASKED, (m) => (m.replace(/[*\u2022.\u2026]/g, '') === '' ? m : '***'))
    .replace(BEARER, '$1***');
}
