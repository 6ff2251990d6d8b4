// Runs before every workers test file: after each test, waits for the run log's background
// writes (recording happens after the answer), so no write outlives its test's storage.
import { afterEach } from 'vitest';
import { backgroundSettled } from '../../worker/runs/background';

afterEach(() => backgroundSettled());
