#!/usr/bin/env node
// Launcher for the datasteward CLI: makes sure it runs on Node >= 22 (the SQLite binding needs
// it; the project ships one in node_modules/node) and that the CLI bundle is built.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  let node22;
  try {
    node22 = path.join(path.dirname(require.resolve('node/package.json', { paths: [root] })), 'bin', 'node');
  } catch {
    node22 = undefined;
  }
  if (!node22 || !fs.existsSync(node22)) {
    console.error('DataSteward 需要 Node.js 22 或更高版本 / DataSteward needs Node.js 22 or later');
    process.exit(2);
  }
  const r = spawnSync(node22, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const cli = path.join(root, 'dist', 'main', 'cli.cjs');
if (!fs.existsSync(cli)) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--only', 'cli'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
require(cli)
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
