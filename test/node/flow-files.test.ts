// The files in flows/ are what users read and diff: each is canonical, valid, and references the
// committed JSON Schema, which must match the zod schemas.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowJsonSchema, formatFlow, parseFlow, templateVariables } from '../../worker/engine';

const dir = join(import.meta.dirname, '..', '..', 'flows');
const flowFiles = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'flow.schema.json');
const promptFiles = readdirSync(join(dir, 'prompts')).filter((f) => f.endsWith('.json'));

describe('flow files', () => {
  it('include the three examples', () => {
    expect(flowFiles).toEqual(expect.arrayContaining(['email-announcement.json', 'support-x1000.json', 'health-explainer.json']));
  });

  it.each(flowFiles)('%s is canonical, valid and names its id after the file', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(formatFlow(JSON.parse(text))).toBe(text);
    const parsed = parseFlow(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.flow?.id).toBe(file.replace(/\.json$/, ''));
    expect(parsed.flow?.$schema).toBe('./flow.schema.json');
    expect(parsed.flow?.examples?.length).toBeGreaterThan(0);
  });

  it('the committed JSON Schema matches the zod schemas (run npm run schema when this fails)', () => {
    const committed = JSON.parse(readFileSync(join(dir, 'flow.schema.json'), 'utf8'));
    expect(committed).toEqual(flowJsonSchema());
  });

  it.each(promptFiles)('prompt file %s has numbered versions, labels that point at them and parseable templates', (file) => {
    const prompt = JSON.parse(readFileSync(join(dir, 'prompts', file), 'utf8'));
    expect(prompt.name).toBe(file.replace(/\.json$/, ''));
    const versions = prompt.versions.map((v: { version: number }) => v.version);
    expect(versions).toEqual(versions.map((_: number, i: number) => i + 1));
    for (const v of Object.values(prompt.labels)) expect(versions).toContain(v);
    for (const v of prompt.versions) {
      const texts = 'text' in v.template ? [v.template.text] : v.template.messages.map((m: { content: string }) => m.content);
      for (const t of texts) expect(() => templateVariables(t)).not.toThrow();
    }
  });

  it('every prompt the example flows reference exists with that label', () => {
    const prompts = Object.fromEntries(
      promptFiles.map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, 'prompts', f), 'utf8'))]),
    );
    for (const file of flowFiles) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/"ref": "([^"@]+)@([^"]+)"/g)) {
        expect(prompts[m[1]], `${file} references ${m[1]}`).toBeDefined();
        expect(prompts[m[1]].labels[m[2]] ?? Number(m[2]), `${file} references ${m[0]}`).toBeTruthy();
      }
    }
  });
});
