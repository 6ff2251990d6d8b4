// A throwaway copy of the repository's flows/, datasets/ and evals/ for eval and dataset CLI
// tests, and the model-like answers the fake provider gives the support and email examples.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnswerRule } from '../helpers/fake-openai';
import { repoRoot } from './helpers';

export function evalWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'weir-eval-'));
  for (const d of ['flows', 'datasets', 'evals'])
    cpSync(join(repoRoot, d), join(dir, d), { recursive: true, filter: (src) => !src.includes(`${d}/results`) });
  return dir;
}

const FIXES: Record<string, string> = {
  E1: 'E1 is a sensor fault. 1. Reseat the sensor cable.',
  E2: 'E2 is low battery. 1. Replace both AA batteries.',
  E3: 'E3 means Wi-Fi was lost. 1. Re-run pairing from Settings > Network.',
  E4: 'E4 is a firmware mismatch. 1. Hold the dial for 10 seconds.',
  E5: 'E5 is overheating protection. 1. Check the vent. 2. Power-cycle at the breaker.',
  E6: 'E6 is compressor lockout. 1. Wait 5 minutes. 2. Check the outdoor unit breaker.',
  E7: 'E7 is humidity sensor drift. 1. Recalibrate from Settings > Sensors.',
};
const codeRule = (prefix: string, code: string): AnswerRule => ({
  match: `${prefix}(^|\\n)user: [^\\n]*\\b${code}\\b`,
  content: FIXES[code],
});

/** The base model knows E1-E5 only when the engineered prompt lists them. */
const baseModelAnswers: AnswerRule[] = [
  ...['E1', 'E2', 'E3', 'E4', 'E5'].map((code) => codeRule('Error codes: E1 sensor fault[\\s\\S]*', code)),
  { match: 'Error codes: E1 sensor fault', content: 'I do not know that error code; please contact support.' },
];

/** The fine-tuned model knows every code; the base model (both ids) only what the engineered prompt lists. */
export const supportRules: Record<string, AnswerRule[]> = {
  'gpt-4o-mini-2024-07-18': baseModelAnswers,
  'ft:gpt-4o-mini-2024-07-18:acme:x1000-support:9xK2pQ': Object.keys(FIXES).map((code) => codeRule('', code)),
  'gpt-4o-mini': [
    {
      match:
        'Expert answer:\\n[\\s\\S]*?(vent|sensor cable|AA batteries|pairing|hold the dial|outdoor unit|recalibrate|Settings > Account|support@acme)[\\s\\S]*Submitted answer:\\n[\\s\\S]*\\1',
      flags: 'i',
      content: { reason: 'the submission gives the same fix', choice: 'C' },
    },
    { match: 'You compare a submitted answer', content: { reason: 'the submission gives a different fix', choice: 'D' } },
    { match: 'You triage[\\s\\S]*\\nuser: [^\\n]*\\bE\\d\\b', content: { topic: 'technical', product: 'X1000', confidence: 0.95 } },
    {
      match: 'You triage[\\s\\S]*\\nuser: [^\\n]*(charged|invoice|refund|card|billing|price)',
      content: { topic: 'billing', product: 'other', confidence: 0.9 },
    },
    { match: 'You triage[\\s\\S]*\\nuser: [^\\n]*(password|account)', content: { topic: 'account', product: 'other', confidence: 0.9 } },
    { match: 'You triage', content: { topic: 'other', product: 'other', confidence: 0.6 } },
    ...baseModelAnswers,
    { match: "Acme's friendly support agent", content: 'Please see Settings > Account, or email support@acme.example.' },
  ],
};

/** The engineered prompt gets a specific email; the vague one a generic email; the judge scores and compares them. */
export const emailRules: Record<string, AnswerRule[]> = {
  'gpt-4o-mini': [
    {
      match: 'You grade an answer[\\s\\S]*Answer:\\n[\\s\\S]*Personal Loan Calculator',
      content: { reason: 'specific and on brief', score: 0.9 },
    },
    { match: 'You grade an answer', content: { reason: 'vague: no audience or call to action', score: 0.3 } },
    {
      match: 'Answer A:\\n[^\\n]*Personal Loan Calculator[\\s\\S]*Answer B:\\n(?![^\\n]*Personal Loan Calculator)',
      content: { reason: 'A is specific', winner: 'A' },
    },
    {
      match: 'Answer A:\\n(?![^\\n]*Personal Loan Calculator)[\\s\\S]*Answer B:\\n[^\\n]*Personal Loan Calculator',
      content: { reason: 'B is specific', winner: 'B' },
    },
    { match: 'You compare two answers', content: { reason: 'same', winner: 'tie' } },
    {
      match: 'Personal Loan Calculator',
      content: 'Subject: Meet the Personal Loan Calculator. See your monthly payment before you apply. [Try the calculator]',
    },
    { match: 'loan calculator feature', content: 'Subject: News. We have a new loan calculator. Check it out.' },
  ],
};
