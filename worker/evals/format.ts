// The canonical text of an eval file: keys in schema order at every depth the schema describes,
// 2-space indent, final newline (like flow files).
import { orderBySchema } from '../datasets/canonical';
import { evalSchema } from './schema';

export const formatEval = (value: unknown): string => JSON.stringify(orderBySchema(value, evalSchema), null, 2) + '\n';
