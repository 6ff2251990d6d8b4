// Makes package-lock.json usable by `npm ci` on every platform. The npm registry reachable here
// serves only this platform's native packages, so npm leaves the other platforms' optional
// bindings (esbuild, workerd, oxlint, rollup ...) out of the lock, and npm >= 11.6.2 then refuses
// `npm ci` ("Missing: ... from lock file"). This adds a version-only entry for each missing
// optional dependency; npm ci skips them on platforms they do not fit.
// Run after changing dependencies: `npm run lock:complete` (`--check` only reports).
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pkgs = lock.packages;
const added = [];
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [name, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    // Exact pins are the rule for platform bindings; for a range, its lowest version satisfies it.
    const version = String(spec).replace(/^[~^=v\s]+/, '');
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version)) continue;
    const hoisted = `node_modules/${name}`;
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (pkgs[nested] || (pkgs[hoisted] && (pkgs[hoisted].version === version || path === ''))) continue;
    const key = pkgs[hoisted] ? nested : hoisted;
    pkgs[key] = { version, optional: true, ...(meta.dev ? { dev: true } : {}) };
    added.push(`${name}@${version}`);
  }
}
if (process.argv.includes('--check')) {
  if (added.length) {
    console.error(`package-lock.json lacks ${added.length} optional platform entries; run npm run lock:complete`);
    process.exit(1);
  }
  console.log('package-lock.json is complete');
} else {
  lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
  console.log(`added ${added.length} optional platform entries to package-lock.json`);
}
