// TRAINERS: named trainers with their key read from the secret they name; clear errors that name
// the field and never echo an inline key.
import { describe, expect, it } from 'vitest';
import { describeTrainers, TrainerConfigError, trainerSpecsFromEnv } from '../../../worker/finetune/trainer-config';

const parse = (trainers: unknown, extra: Record<string, unknown> = {}) =>
  trainerSpecsFromEnv({ TRAINERS: JSON.stringify(trainers), ...extra });
const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TrainerConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a TrainerConfigError');
};

describe('TRAINERS', () => {
  it('reads each trainer with the key from the secret it names', () => {
    const specs = parse(
      {
        azure: { type: 'openai', baseURL: 'https://x.openai.azure.com/openai', apiVersion: '2025-04-01-preview', apiKeyVar: 'AZ_KEY' },
        tg: { type: 'together', baseURL: 'https://api.together.xyz/v1', apiKeyVar: 'TG' },
      },
      { AZ_KEY: 'az-secret', TG: ' tg-secret ' },
    );
    expect(specs.azure).toMatchObject({ type: 'openai', apiVersion: '2025-04-01-preview', apiKey: 'az-secret' });
    expect(specs.tg.apiKey).toBe('tg-secret');
    expect(JSON.stringify(describeTrainers(specs))).not.toContain('secret');
  });

  it('is empty when unset', () => {
    expect(trainerSpecsFromEnv({})).toEqual({});
    expect(trainerSpecsFromEnv({ TRAINERS: '  ' })).toEqual({});
  });

  it('names the field that is wrong', () => {
    expect(message(() => trainerSpecsFromEnv({ TRAINERS: '{' }))).toBe('TRAINERS is not valid JSON');
    expect(message(() => parse([]))).toContain('must be a JSON object');
    expect(message(() => parse({ 'bad name': { type: 'openai', baseURL: 'https://a' } }))).toContain('TRAINERS.bad name');
    expect(message(() => parse({ fw: { type: 'fireworks', baseURL: 'https://api.fireworks.ai/v1' } }))).toContain('TRAINERS.fw.accountId');
    expect(message(() => parse({ x: { type: 'mistral', baseURL: 'https://a' } }))).toContain('TRAINERS.x.type');
    expect(message(() => parse({ x: { type: 'openai', baseURL: 'ftp://a' } }))).toContain('baseURL');
  });

  it('refuses an inline key without repeating it', () => {
    const text = message(() => parse({ x: { type: 'openai', baseURL: 'https://a', apiKey: 'sk-live-123456' } }));
    expect(text).toContain('apiKeyVar');
    expect(text).not.toContain('sk-live-123456');
  });
});
