// Runs before every workers test file: applies migrations/ to the test's local D1 (each test
// file gets isolated storage, so each applies them once).
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.WEIR_DB, env.TEST_MIGRATIONS);
