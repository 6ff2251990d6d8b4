// The worker's cron handler (wrangler.toml [triggers]): retention of the run log.
import type { Bindings } from '../../http/env';
import { runStore } from './store';

export async function scheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext): Promise<void> {
  ctx.waitUntil(
    runStore(env)
      .deleteExpired(controller.scheduledTime)
      .then((n) => {
        if (n) console.log(`weir: retention deleted ${n} run(s)`);
      }),
  );
}
