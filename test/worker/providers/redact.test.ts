// Issue 8 §6: key redaction catches the masked forms providers echo back, not only whole keys.
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../worker/providers/redact';

describe('redactSecrets on masked and provider-specific key forms', () => {
  it.each([
    ['Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.openai.com.', 'abcd'],
    ['Incorrect API key provided: sk-proj-AbC1********************************************Wx9z.', 'Wx9z'],
    ['key sk-...wxyz was revoked', 'wxyz'],
    ['key sk-ant-api03-****XyZ1 is invalid', 'XyZ1'],
    ['token gsk_abcdefgh12345678 rejected', 'gsk_abcdefgh'],
    ['xai-ABCDEFGH12345678 is not allowed', 'ABCDEFGH'],
    ['bad key AIzaSyA1234567890abcdefg', 'AIzaSy'],
    ['key ending ab12••••••••cd34 is invalid', 'cd34'],
    ['Invalid API key provided: my-gw-key-12345678', 'my-gw-key'],
  ])('hides the key in %j', (text, leak) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(leak);
    expect(out).toContain('***');
  });

  it('leaves ordinary messages alone', () => {
    const text = "provider 'default' (model gpt-4o): rejected the request (400): max_tokens is too large: 100000.";
    expect(redactSecrets(text)).toBe(text);
  });
});
