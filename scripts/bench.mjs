// Runs every benchmark in test/bench/ (bundled with esbuild, run on the project's Node 22) and
// prints their figures. Not part of `npm test`: figures, not pass/fail. Record them in docs/BENCHMARKS.md.
// Usage: npm run bench [-- NAME]   (NAME filters the files)
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2] ?? '';
const outDir = path.join(root, '.tmp', 'bench');
fs.mkdirSync(outDir, { recursive: true });
const files = fs.readdirSync(path.join(root, 'test', 'bench')).filter((f) => f.endsWith('.bench.ts') && f.includes(filter));
let failed = 0;
// The payload worker a package build starts (main/services/package/payload-prep.ts), beside the bundles.
await build({
  entryPoints: [path.join(root, 'main', 'backend', 'payload-worker-entry.ts')],
  outfile: path.join(outDir, 'payload-worker.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  logLevel: 'warning',
});
for (const f of files) {
  const out = path.join(outDir, f.replace(/\.ts$/, '.cjs'));
  await build({
    entryPoints: [path.join(root, 'test', 'bench', f)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3-multiple-ciphers', 'electron'],
    logLevel: 'warning',
  });
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, [out], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
