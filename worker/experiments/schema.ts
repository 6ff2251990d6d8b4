// An experiment's config (D1 `experiments.config`, KV `experiment:<flow>`): the arms that split one
// flow's traffic (each a version or label with a weight), how a subject is found, the optional
// shadow candidate, and the guardrail. Zod-first: the API, the store and the CLI validate with it.
import * as z from 'zod';
import { experimentEvaluate } from './evaluate-schema';

const armName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'an arm name: lower-case letters, digits, - and _');
/** A version number ("3") or a label ("production"); never the draft. */
const armRef = z
  .union([z.number().int().min(1), z.string().regex(/^([1-9][0-9]{0,8}|[a-z][a-z0-9_-]{0,63})$/, 'a version number or a label')])
  .transform((v) => String(v))
  .refine((v) => v !== 'draft' && v !== 'default', 'an arm runs a version or a label, not the draft');

export const experimentArm = z.strictObject({
  name: armName,
  ref: armRef,
  weight: z.number().min(0).max(1000),
  /** Set by a guardrail (or by hand): the arm gets no traffic, its share goes to the others. */
  stopped: z.boolean().optional(),
  stoppedReason: z.string().max(300).optional(),
});

export const experimentShadow = z.strictObject({
  ref: armRef,
  /** Share of the experiment's traffic that also runs the candidate in the background, 0..1. */
  sample: z.number().min(0).max(1),
});

export const experimentInput = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'an id: lower-case letters, digits, - and _'),
  flowId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  description: z.string().max(500).optional(),
  arms: z
    .array(experimentArm)
    .min(2)
    .max(8)
    .refine((arms) => new Set(arms.map((a) => a.name)).size === arms.length, 'arm names must differ')
    .refine((arms) => arms.some((a) => a.weight > 0), 'at least one arm needs a weight above 0'),
  /** An input field that names the subject when there is no Weir-Subject header. */
  subjectField: z.string().min(1).max(64).optional(),
  /** Mixed into the hash; a new salt reshuffles subjects. Defaults to the id. */
  salt: z.string().min(1).max(64).optional(),
  shadow: experimentShadow.optional(),
  guardrail: z
    .strictObject({
      maxErrorRate: z.number().min(0).max(1).default(0.5),
      minRuns: z.number().int().min(1).max(1_000_000).default(20),
    })
    .default({ maxErrorRate: 0.5, minRuns: 20 }),
  /** Assertions (or a judge) on a sample of live traffic, stored as `eval` scores per run. */
  evaluate: experimentEvaluate.optional(),
  /** Runs per arm before results call a difference significant. */
  minSamples: z.number().int().min(1).max(1_000_000).default(30),
});
export type ExperimentInput = z.input<typeof experimentInput>;

export const experimentStatuses = ['draft', 'running', 'stopped', 'promoted'] as const;
export type ExperimentStatus = (typeof experimentStatuses)[number];

export const experimentRecord = experimentInput.extend({
  status: z.enum(experimentStatuses),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().optional(),
  stoppedAt: z.string().optional(),
  promotedArm: z.string().optional(),
});
export type Experiment = z.infer<typeof experimentRecord>;
export type ExperimentArm = z.infer<typeof experimentArm>;

/** What PATCH accepts: new weights by arm name, under the version the caller read. */
export const weightsUpdate = z.strictObject({
  version: z.number().int().min(1),
  weights: z.record(armName, z.number().min(0).max(1000)),
});
