// Baseline for the HTTP benchmark: what a developer would write by hand instead of a Weir flow.
// Same SDK, same two calls (classify as JSON, then answer with the fine-tuned or base model).
import { Hono } from 'hono';
import OpenAI from 'openai';

type Env = { OPENAI_API_KEY: string; OPENAI_BASE_URL: string };
let client: OpenAI | undefined;

const app = new Hono<{ Bindings: Env }>();
app.get('/v1/health', (c) => c.json({ ok: true }));
app.post('/v1/run', async (c) => {
  client ??= new OpenAI({ apiKey: c.env.OPENAI_API_KEY, baseURL: c.env.OPENAI_BASE_URL, maxRetries: 0 });
  const { input } = await c.req.json<{ input: { question: string } }>();
  const schema = { type: 'object', properties: { topic: { type: 'string', enum: ['technical', 'other'] } }, required: ['topic'] };
  const cls = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Classify: ${input.question}` }],
    response_format: { type: 'json_schema', json_schema: { name: 'answer', schema, strict: false } },
  });
  const topic = (JSON.parse(cls.choices[0].message.content ?? '{}') as { topic?: string }).topic;
  const model = topic === 'technical' ? 'ft:gpt-4o-mini:acme:x1000:1' : 'gpt-4o-mini';
  const answer = await client.chat.completions.create({ model, messages: [{ role: 'user', content: `Answer: ${input.question}` }] });
  return c.json({ output: answer.choices[0].message.content });
});
export default app;
