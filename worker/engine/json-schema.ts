// The JSON Schema of the flow file, generated from the zod schemas: the flow envelope plus each
// node type's data schema, so editors complete and check `data` per `type`.
import * as z from 'zod';
import { nodeTypes } from './nodes';
import { flowSchema, flowNode } from './schema';

export function flowJsonSchema(): Record<string, unknown> {
  const typedNode = z.union(
    nodeTypes.map((def) =>
      flowNode.extend({ type: z.literal(def.type), data: def.data as z.ZodType }).describe(`${def.label}: ${def.description}`),
    ) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]],
  );
  const fileSchema = flowSchema.extend({ nodes: z.array(typedNode) });
  const schema = z.toJSONSchema(fileSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://weir.dev/schema/flow-v1.json', title: 'Weir flow (format version 1)' };
}
