// Eval definitions in D1 (table `evals`): the eval file as JSON, listed with its flow, dataset and
// variant names. Seeded from evals/ by `npm start`, edited through PUT /v1/evals/:name.
import type { EvalFile } from '../evals/schema';
import type { EvalDefinition } from './types';

interface EvalRow {
  name: string;
  flow_id: string;
  dataset: string;
  variants: string;
  definition: string;
  updated_at: number;
}

const toDefinition = (r: EvalRow): EvalDefinition => ({
  name: r.name,
  flow: r.flow_id,
  dataset: r.dataset,
  variants: JSON.parse(r.variants) as string[],
  updatedAt: new Date(r.updated_at).toISOString(),
  definition: JSON.parse(r.definition) as EvalFile,
});

export type EvalDefinitionStore = ReturnType<typeof evalDefinitionStore>;

export function evalDefinitionStore(db: D1Database) {
  return {
    async list(flow?: string): Promise<Omit<EvalDefinition, 'definition'>[]> {
      const q = flow
        ? db.prepare('SELECT * FROM evals WHERE flow_id = ? ORDER BY name').bind(flow)
        : db.prepare('SELECT * FROM evals ORDER BY name');
      const { results } = await q.all<EvalRow>();
      return results.map((r) => {
        const { definition: _d, ...rest } = toDefinition(r);
        return rest;
      });
    },

    async get(name: string): Promise<EvalDefinition | undefined> {
      const row = await db.prepare('SELECT * FROM evals WHERE name = ?').bind(name).first<EvalRow>();
      return row ? toDefinition(row) : undefined;
    },

    /** Creates or replaces; `created` says which. */
    async put(name: string, file: EvalFile, now = Date.now()): Promise<{ eval: EvalDefinition; created: boolean }> {
      const variants = JSON.stringify(file.variants.map((v) => v.name));
      const before = await db.prepare('SELECT 1 AS x FROM evals WHERE name = ?').bind(name).first();
      await db
        .prepare(
          `INSERT INTO evals (name, flow_id, dataset, variants, definition, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
           ON CONFLICT (name) DO UPDATE SET flow_id = ?2, dataset = ?3, variants = ?4, definition = ?5, updated_at = ?6`,
        )
        .bind(name, file.flow, file.dataset.name, variants, JSON.stringify(file), now)
        .run();
      return { eval: (await this.get(name))!, created: !before };
    },

    async remove(name: string): Promise<boolean> {
      const r = await db.prepare('DELETE FROM evals WHERE name = ?').bind(name).run();
      return r.meta.changes > 0;
    },
  };
}
