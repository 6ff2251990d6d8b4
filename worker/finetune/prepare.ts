// Before a job is validated or started: check its target (the flow's draft has that node, and the
// node calls a model), and when no training file was sent, export the train and validation
// splits of the worker's copy of the dataset in the trainer's shape (test items never leave).
import { exportDataset, type ExportFormat } from '../datasets';
import { ApiError } from '../http/errors';
import { StoreError } from '../store/errors';
import type { DatasetStore } from '../store/datasets';
import type { FlowStore } from '../store/flows';
import type { FinetuneRequest, ReadyRequest } from './request';
import type { JobTarget } from './store/types';
import type { TrainerType } from './trainer';

const MODEL_NODES = new Set(['finetuned', 'prompt']);

interface FlowNode {
  id: string;
  type: string;
  data?: Record<string, unknown>;
}

/** The target node in the flow's draft; 404 for no flow, 422 for a node that is missing or calls no model. */
export async function targetNode(
  flows: FlowStore,
  target: JobTarget,
  types = MODEL_NODES,
): Promise<{ flow: Record<string, unknown>; node: FlowNode }> {
  const stored = await flows.get(target.flow);
  if (!stored) throw new ApiError(404, 'flow_not_found', `No flow with id "${target.flow}".`);
  const flow = JSON.parse(stored.text) as Record<string, unknown>;
  const nodes = Array.isArray(flow.nodes) ? (flow.nodes as FlowNode[]) : [];
  const node = nodes.find((n) => n?.id === target.node);
  if (!node)
    throw new ApiError(422, 'unknown_node', `Flow "${target.flow}" has no node "${target.node}".`, [
      { code: 'unknown_node', message: `no node "${target.node}"`, path: 'target.node', nodeId: target.node, severity: 'error' },
    ]);
  if (!types.has(node.type))
    throw new ApiError(
      422,
      'not_a_model_node',
      `Node "${target.node}" is a ${node.type} node; it must be ${[...types].map((t) => `a ${t}`).join(' or ')} node.`,
      [{ code: 'not_a_model_node', message: `a ${node.type} node`, path: 'target.node', nodeId: target.node, severity: 'error' }],
    );
  return { flow, node };
}

export function exportFormatFor(type: TrainerType, method: FinetuneRequest['method']): ExportFormat {
  if (method === 'dpo') return 'openai-dpo';
  return type === 'openai' ? 'openai-chat' : type;
}

export async function prepareRequest(
  stores: { flows: FlowStore; datasets: DatasetStore },
  trainerType: TrainerType,
  req: FinetuneRequest,
): Promise<ReadyRequest> {
  if (req.target) await targetNode(stores.flows, req.target);
  if (req.training !== undefined) return req as ReadyRequest;
  const name = req.dataset.name!;
  const detail = await stores.datasets.get(name, req.dataset.hash?.replace(/^sha256:/, '')).catch((err: unknown) => {
    if (err instanceof StoreError && err.code === 'not_found')
      throw new ApiError(404, 'dataset_not_found', `${err.message}; push it first (weir dataset push).`);
    throw err;
  });
  const exported = exportDataset(detail.list, {
    format: exportFormatFor(trainerType, req.method),
    baseModel: req.baseModel,
    includeUnsplit: req.includeUnsplit,
    epochs: req.hyperparameters.epochs,
  });
  const errors = exported.problems.filter((p) => p.severity === 'error');
  const train = exported.files.find((f) => f.split === 'train');
  if (errors.length > 0 || !train)
    throw new ApiError(
      422,
      'invalid_training_data',
      `Dataset "${name}" cannot be trained on: ${errors[0]?.message ?? 'it has no train-split items'}.`,
      exported.problems,
    );
  const validation = exported.files.find((f) => f.split === 'validation');
  return {
    ...req,
    training: train.text,
    ...(validation ? { validation: validation.text } : {}),
    dataset: { name, hash: detail.hash },
  };
}
