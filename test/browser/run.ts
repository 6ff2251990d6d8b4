// `npm run test:browser`: starts Weir as `npm start` does, runs the browser specs in Chromium and
// ends with "N passed, N failed" (non-zero exit on any failure). Optional argument: a name filter.
import { runSpecs } from './harness';
import { buildSpecs } from './specs/build-flow';
import { canvasSpecs } from './specs/canvas';
import { editingSpecs } from './specs/editing';
import { exampleSpecs } from './specs/examples';
import { promptSpecs } from './specs/prompts';
import { runLogSpecs } from './specs/runs';
import { saveSpecs } from './specs/save';
import { startStack } from './stack';

const specs = [...exampleSpecs, ...buildSpecs, ...canvasSpecs, ...editingSpecs, ...saveSpecs, ...promptSpecs, ...runLogSpecs];

const stack = await startStack().catch((err: Error) => {
  console.error(`could not start Weir: ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
let result = { passed: 0, failed: 1 };
try {
  console.log(`browser specs against ${stack.url}`);
  result = await runSpecs(stack, specs, process.argv[2]);
} catch (err) {
  console.error(err);
} finally {
  await stack.stop();
}
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
