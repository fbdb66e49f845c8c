// `npm test`: typecheck, lint, unit, integration on PGlite, the same
// integration suite on PostgreSQL when TEST_DATABASE_URL is set, then the
// browser journeys. Ends with one "tests: N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, '.tmp', 'test-results');
fs.mkdirSync(out, { recursive: true });
let passed = 0;
let failed = 0;
const failures = [];
const failedTests = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  if (r.status !== 0) failures.push(label);
  return r.status === 0;
}

function vitest(label, project, env = {}) {
  const file = path.join(out, `${label.replace(/\W+/g, '-')}.json`);
  fs.rmSync(file, { force: true });
  const ok = run(label, process.execPath, [
    'node_modules/vitest/vitest.mjs', 'run', '--project', project,
    '--reporter=default', '--reporter=json', `--outputFile=${file}`,
  ], env);
  if (fs.existsSync(file)) {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    // Named again at the end: a CI log is often read from its tail only.
    for (const f of r.testResults ?? []) {
      for (const a of f.assertionResults ?? []) {
        if (a.status !== 'failed') continue;
        const lines = (a.failureMessages ?? []).join('\n').split('\n');
        const why = lines.find((l) => /AssertionError|expected/.test(l)) ?? lines[0] ?? '';
        failedTests.push(`${label}: ${path.relative(root, f.name)} > ${a.fullName}\n    ${why.slice(0, 300)}`);
      }
    }
  } else if (!ok) failed += 1;
}

run('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']);
run('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
vitest('unit', 'unit');
vitest('integration (PGlite)', 'integration');
if (process.env.TEST_DATABASE_URL) {
  vitest('integration (PostgreSQL)', 'integration', { TEST_DB_ENGINE: 'postgres' });
} else {
  console.log('\n(TEST_DATABASE_URL not set: the PostgreSQL run of the integration suite is skipped)');
}
if (fs.existsSync(path.join(root, 'scripts', 'e2e.mjs'))) {
  const file = path.join(out, 'e2e.json');
  fs.rmSync(file, { force: true });
  run('e2e (Chromium)', process.execPath, ['scripts/e2e.mjs'], { E2E_RESULT_FILE: file });
  if (fs.existsSync(file)) {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += r.passed;
    failed += r.failed;
  }
}

if (failedTests.length) console.log(`\nFailed tests:\n${failedTests.join('\n')}`);
if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
