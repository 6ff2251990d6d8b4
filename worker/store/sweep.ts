// The scheduled sweep: projects to KV every write whose request died (or whose KV writes failed)
// before confirming its projection, so no committed change stays invisible at the edge.
import type { StoreDeps } from './deps';
import { datasetStore } from './datasets';
import { flowStore } from './flows';
import { promptStore } from './prompts';

/** The wrangler.toml cron that only sweeps (the daily one also runs the run log's retention). */
export const PROJECTION_SWEEP_CRON = '*/10 * * * *';

export async function sweepProjections(deps: StoreDeps): Promise<number> {
  const [prompts, flows, datasets] = await Promise.all([
    promptStore(deps).catchUp(),
    flowStore(deps).catchUp(),
    datasetStore(deps).catchUp(),
  ]);
  return prompts + flows + datasets;
}
