// Datasets: canonical JSONL files of items in git, their hash, splits, imports and fine-tuning
// exports. Pure TypeScript like the engine: the worker, the editor and the CLI share it.
export * from './schema';
export { parseDataset, formatDataset, formatItem, formatDatasetText, type ParsedDataset } from './jsonl';
export { datasetHash, sha256Hex, hashMatches } from './hash';
export { splitItems, splitCounts, parseRatios, countBySplit, DEFAULT_RATIOS, SPLITS, type SplitRatios, type SplitOptions } from './split';
export { itemsFromCsv, itemsFromJsonl, itemsFromExamples, mergeItems, assignIds, type ImportOptions, type Imported } from './import';
export { parseCsv } from './csv';
export { exportDataset, type ExportOptions, type ExportResult, type ExportFile } from './export';
export { EXPORT_FORMATS, rulesFor, checkExample, type ExportFormat, type ProviderRules } from './provider-checks';
export { messagesTokens, textTokens } from './tokens';
export { hashString, seededRandom } from './seeded';
