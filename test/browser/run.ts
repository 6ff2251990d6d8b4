// `npm run test:browser`: starts Weir as `npm start` does, runs the browser specs in Chromium and
// ends with "N passed, N failed" (non-zero exit on any failure). Optional argument: a name filter
// (specs whose name contains it; several separated by |).
import { runSpecs } from './harness';
import { buildSpecs } from './specs/build-flow';
import { canvasSpecs } from './specs/canvas';
import { completeSpecs } from './specs/complete';
import { datasetSpecs } from './specs/datasets';
import { datasetTableSpecs } from './specs/dataset-table';
import { editingSpecs } from './specs/editing';
import { evalSpecs } from './specs/evals';
import { exampleSpecs } from './specs/examples';
import { promptSpecs } from './specs/prompts';
import { runLogSpecs } from './specs/runs';
import { releaseSpecs } from './specs/releases';
import { roomySpecs } from './specs/roomy';
import { saveSpecs } from './specs/save';
import { startFakeOpenAI } from '../helpers/fake-openai';
import { experimentSpecs } from './specs/experiments';
import { finetuneSpecs } from './specs/finetunes';
import { processesUsing, startStack } from './stack';

const specs = [
  ...exampleSpecs,
  ...buildSpecs,
  ...canvasSpecs,
  ...editingSpecs,
  ...saveSpecs,
  ...promptSpecs,
  ...roomySpecs,
  ...releaseSpecs,
  ...completeSpecs,
  ...runLogSpecs,
  ...datasetSpecs,
  ...finetuneSpecs,
  ...experimentSpecs,
  ...datasetTableSpecs,
  ...evalSpecs,
];

// The fake provider's fine-tuning endpoints stand in for a trainer (as in test/e2e): jobs advance
// one stage per read, the Workflow reads every second.
const fake = await startFakeOpenAI();
const trainers = { fake: { type: 'openai', baseURL: fake.url, pollSeconds: 1 } };

const stack = await startStack({ vars: { TRAINERS: JSON.stringify(trainers) }, fakeUrl: fake.url }).catch(async (err: Error) => {
  await fake.close();
  console.error(`could not start Weir: ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
// Ctrl+C, a kill or a closed output pipe still stops Weir: nothing may be left running.
process.stdout.on('error', () => undefined);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => void Promise.all([stack.stop(), fake.close()]).finally(() => process.exit(130)));
let result = { passed: 0, failed: 1 };
try {
  console.log(`browser specs against ${stack.url}`);
  result = await runSpecs(stack, specs, process.argv[2]);
} catch (err) {
  console.error(err);
} finally {
  await stack.stop();
  await fake.close();
}
const left = processesUsing(stack.work);
if (left.length) {
  console.error(`processes still running after the specs: ${left.join(', ')}`);
  result.failed++;
}
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
