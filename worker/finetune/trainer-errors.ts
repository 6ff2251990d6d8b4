// Trainer failures as TrainerError with a stable code, from an HTTP status and the provider's
// error body (OpenAI's {error: {message}}, Together's {error: {message}} or {message}, Fireworks'
// {code, message}). The API key is never part of a message.
import { TrainerError } from './trainer';

const codeFor = (status: number): string => {
  if (status === 401 || status === 403) return 'trainer_auth';
  if (status === 404) return 'trainer_not_found';
  if (status === 429) return 'trainer_rate_limited';
  if (status >= 400 && status < 500) return 'trainer_bad_request';
  return 'trainer_error';
};

export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  return out.replace(/\b(sk|fw|tg)[-_][A-Za-z0-9_-]{6,}/g, '[redacted]');
}

export function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' && body ? body.slice(0, 300) : undefined;
  const b = body as { error?: unknown; message?: unknown };
  if (typeof b.error === 'object' && b.error !== null && typeof (b.error as { message?: unknown }).message === 'string')
    return (b.error as { message: string }).message;
  if (typeof b.error === 'string') return b.error;
  if (typeof b.message === 'string') return b.message;
  return undefined;
}

export function trainerHttpError(trainer: string, status: number, body: unknown, secrets: (string | undefined)[]): TrainerError {
  const message = redact(messageOf(body) ?? `HTTP ${status}`, secrets);
  return new TrainerError(codeFor(status), `trainer ${trainer}: ${message}`, status);
}

/** Any error from a call (the SDK's APIError, a fetch failure) as a TrainerError. */
export function toTrainerError(trainer: string, err: unknown, secrets: (string | undefined)[]): TrainerError {
  if (err instanceof TrainerError) return err;
  const e = err as { status?: unknown; error?: unknown; message?: unknown; name?: unknown };
  if (typeof e?.status === 'number') return trainerHttpError(trainer, e.status, e.error ?? { message: e.message }, secrets);
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError')
    return new TrainerError('trainer_timeout', `trainer ${trainer}: the call timed out`);
  const message = redact(typeof e?.message === 'string' ? e.message : String(err), secrets);
  return new TrainerError('trainer_unreachable', `trainer ${trainer}: cannot reach the provider (${message})`);
}
