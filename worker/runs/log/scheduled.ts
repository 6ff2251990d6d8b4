// The worker's cron handler (wrangler.toml [triggers]): retention of the run log (daily), and on
// every tick the sweep that projects to KV any version or label write whose request died first.
import type { Bindings } from '../../http/env';
import { PROJECTION_SWEEP_CRON, sweepProjections } from '../../store';
import { runStore } from './store';
import { experimentStore } from '../../experiments/store';
import { guardRunningExperiments } from '../../experiments/guardrail';

export async function scheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext): Promise<void> {
  ctx.waitUntil(
    sweepProjections({ kv: env.WEIR_KV, db: env.WEIR_DB }).then((n) => {
      if (n) console.log(`weir: projected ${n} unconfirmed store write(s) to KV`);
    }),
  );
  // Experiments: re-project running ones to KV and stop any arm past its error-rate guardrail.
  ctx.waitUntil(
    guardRunningExperiments(experimentStore({ kv: env.WEIR_KV, db: env.WEIR_DB }), env.WEIR_DB).then((n) => {
      if (n) console.log(`weir: the guardrail stopped ${n} experiment arm(s)`);
    }),
  );
  if (controller.cron === PROJECTION_SWEEP_CRON) return;
  ctx.waitUntil(
    runStore(env)
      .deleteExpired(controller.scheduledTime)
      .then((n) => {
        if (n) console.log(`weir: retention deleted ${n} run(s)`);
      }),
  );
}
