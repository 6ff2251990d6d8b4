// Trainer and TRAINERS failures as API errors: the provider refused the request or the file (422),
// does not know the job (404), or failed or could not be reached (502); a broken TRAINERS is a 500.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError, toErrorResponse } from '../http/errors';
import { TrainerError } from './trainer';
import { TrainerConfigError } from './trainer-config';

const status: Record<string, ContentfulStatusCode> = { trainer_bad_request: 422, trainer_not_found: 404 };

export function finetuneError(err: unknown): unknown {
  if (err instanceof TrainerError) return new ApiError(status[err.code] ?? 502, err.code, err.message);
  if (err instanceof TrainerConfigError) return new ApiError(500, 'trainer_config', err.message);
  return err;
}

export const onFinetuneError = (err: Error, c: Context) => {
  const { status: code, body } = toErrorResponse(finetuneError(err));
  if (code >= 500 && body.error.code === 'internal') console.error('weir: unexpected fine-tuning error:', err.message);
  return c.json(body, code);
};
