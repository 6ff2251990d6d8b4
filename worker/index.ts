// Weir's worker: the Hono app under /v1 (health, flows, flow versions, prompts, runs, and the
// OpenAI-compatible chat and models endpoints), one error handler that answers every failure as
// JSON (OpenAI's shape under /v1/chat and /v1/models), and the editor's static assets elsewhere.
import { Hono } from 'hono';
import type { AppEnv, Bindings } from './http/env';
import { ApiError, toErrorResponse } from './http/errors';
import { storesMiddleware } from './http/stores';
import { chatRoutes } from './routes/chat';
import { flowVersionRoutes } from './routes/flow-versions';
import { flowRoutes } from './routes/flows';
import { healthRoutes } from './routes/health';
import { modelRoutes } from './routes/models';
import { promptRoutes } from './routes/prompts';
import { runLogRoutes } from './routes/runs';
import { datasetRoutes } from './routes/datasets';
import { storeAdminRoutes } from './routes/store-admin';
import { scheduled } from './runs/log/scheduled';
import { flowRunRoutes } from './routes/flow-run';
import { providerRoutes } from './routes/providers';
import { finetuneRoutes } from './routes/finetunes';
import { modelRegistryRoutes } from './routes/model-registry';
import { experimentRoutes } from './routes/experiments';
import { evalRoutes } from './routes/evals';
import { evalRunRoutes } from './routes/eval-runs';

const api = new Hono<AppEnv>()
  .use(storesMiddleware)
  .route('/', healthRoutes)
  .route('/', providerRoutes)
  .route('/', flowRunRoutes)
  .route('/', runLogRoutes)
  .route('/', datasetRoutes)
  .route('/', flowVersionRoutes)
  .route('/', flowRoutes)
  .route('/', promptRoutes)
  .route('/', chatRoutes)
  .route('/', finetuneRoutes)
  .route('/', modelRegistryRoutes)
  .route('/', experimentRoutes)
  .route('/', evalRoutes)
  .route('/', evalRunRoutes)
  .route('/', modelRoutes)
  .route('/', storeAdminRoutes);

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
export { FollowFinetuneJob } from './finetune/follow-job';
export { RunEvalWorkflow } from './eval-runs/workflow';
export { app };
export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Bindings>;
