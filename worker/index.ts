// Weir's worker: the Hono app under /v1 (health, flows, prompts, runs), one error handler that
// answers every failure as JSON, and the editor's static assets for every other path.
import { Hono } from 'hono';
import type { AppEnv } from './http/env';
import { ApiError, toErrorResponse } from './http/errors';
import { flowRoutes } from './routes/flows';
import { healthRoutes } from './routes/health';
import { promptRoutes } from './routes/prompts';
import { runRoutes } from './routes/runs';

const api = new Hono<AppEnv>().route('/', healthRoutes).route('/', runRoutes).route('/', flowRoutes).route('/', promptRoutes);

const app = new Hono<AppEnv>()
  .route('/v1', api)
  .all('/v1/*', () => {
    throw new ApiError(404, 'not_found', 'No such API endpoint.');
  })
  // Only reached when the assets layer passes a request on (wrangler serves editor/dist first).
  .all('*', async (c) =>
    c.env.ASSETS ? c.env.ASSETS.fetch(c.req.raw) : c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404),
  );

app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such API endpoint.' } }, 404));

app.onError((err, c) => {
  const { status, body } = toErrorResponse(err);
  // Log the code only for expected failures; unexpected ones get their message, never request data or secrets.
  if (status >= 500 && body.error.code === 'internal')
    console.error('weir: unexpected error:', err instanceof Error ? err.message : String(err));
  return c.json(body, status);
});

export type AppType = typeof app;
export { app };
export default app;
