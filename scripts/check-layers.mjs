// The layer check (run by `npm run lint`, so by `npm test`): every import in main/, preload/ and
// renderer/ must go to a layer its folder may use, 'electron' only from main/electron/ and
// preload/, SQL only in main/db/, and no user-visible Chinese text inline in renderer components.
// Usage: node scripts/check-layers.mjs [ROOT]   (exit 1 and a list when something crosses)
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Folder → the layers (folders) and npm packages its files may import. First match wins. */
export const LAYERS = [
  { dir: 'main/api/contract.ts', may: ['main/domain', 'main/api/result.ts', 'main/api/contract'], npm: ['zod'], node: false },
  { dir: 'main/api/contract', may: ['main/domain', 'main/api/result.ts', 'main/api/contract'], npm: ['zod'], node: false },
  { dir: 'main/api/client.ts', may: ['main/api/contract.ts', 'main/api/result.ts'], npm: [], node: false },
  { dir: 'main/api/result.ts', may: ['main/domain'], npm: [], node: false },
  { dir: 'main/domain', may: ['main/domain'], npm: ['zod'], node: false },
  { dir: 'main/crypto', may: ['main/domain', 'main/crypto'], npm: ['sm-crypto-v2', 'hash-wasm'], node: true },
  { dir: 'main/db', may: ['main/domain', 'main/crypto', 'main/db'], npm: ['better-sqlite3-multiple-ciphers'], node: true },
  // Services load the shipped data packs (resources/*.json) by static import, bundled with the code.
  // SheetJS ('xlsx', from the @e965/xlsx mirror) reads legacy .xls; only main/services/excel uses it.
  { dir: 'main/services', may: ['main/domain', 'main/crypto', 'main/db', 'main/services', 'resources'], npm: ['xlsx'], node: true },
  { dir: 'main/api', may: ['main/domain', 'main/services', 'main/api'], npm: ['zod'], node: true },
  { dir: 'main/backend', may: ['main/domain', 'main/api', 'main/services', 'main/backend'], npm: [], node: true },
  { dir: 'main/host', may: ['main/domain', 'main/host'], npm: [], node: true },
  { dir: 'main/web', may: ['main/domain', 'main/api', 'main/backend', 'main/host', 'main/web'], npm: [], node: true },
  { dir: 'main/cli', may: ['main/domain', 'main/api', 'main/backend', 'main/host', 'main/cli'], npm: [], node: true },
  { dir: 'main/electron', may: ['main/domain', 'main/api', 'main/backend', 'main/host', 'main/electron'], npm: ['electron'], node: true },
  // The preload runs sandboxed: only 'electron', and types from the API (erased when bundled).
  { dir: 'preload', may: ['preload'], typeOnly: ['main/api', 'main/domain'], npm: ['electron'], node: false },
  {
    dir: 'renderer',
    may: ['renderer', 'main/domain', 'main/api/contract.ts', 'main/api/contract', 'main/api/client.ts', 'main/api/result.ts'],
    typeOnly: ['preload/global.d.ts'],
    npm: ['react', 'react-dom', 'zustand', 'zod'],
    node: false,
  },
];

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const IMPORT_RES = [
  /(?:^|[;\n])\s*(import|export)\s+(type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /(?:^|[;\n])\s*(import)\s*()['"]([^'"]+)['"]/g,
  /\b(import|require)\s*\(\s*()['"]([^'"]+)['"]\s*\)/g,
];

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (SOURCE.test(e.name)) out.push(p);
  }
  return out;
}

function stripComments(src) {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

export function importsOf(src) {
  const code = stripComments(src);
  const found = [];
  for (const re of IMPORT_RES) {
    for (const m of code.matchAll(re)) found.push({ spec: m[3], typeOnly: Boolean(m[2]) });
  }
  return found;
}

function layerOf(rel) {
  return LAYERS.find((l) => rel === l.dir || rel.startsWith(l.dir + '/'));
}

function within(rel, target) {
  return rel === target || rel.startsWith(target + '/');
}

function resolveRelative(root, fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, `${base}.d.ts`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(cand) && fs.statSync(cand).isFile()) return path.relative(root, cand).split(path.sep).join('/');
  }
  return path.relative(root, base).split(path.sep).join('/');
}

function packageName(spec) {
  return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/;
const SQL_CALL = /\.(prepare|pragma)\s*\(|\b\w*(db|Db|database|Database)\s*\.\s*(exec|transaction)\s*\(/;

export function checkLayers(root) {
  const problems = [];
  const files = ['main', 'preload', 'renderer'].flatMap((d) => walk(path.join(root, d)));
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const layer = layerOf(rel);
    if (!layer) {
      problems.push(`${rel}: not in any known layer (add it to scripts/check-layers.mjs)`);
      continue;
    }
    const src = fs.readFileSync(file, 'utf8');
    for (const { spec, typeOnly } of importsOf(src)) {
      if (spec.startsWith('.')) {
        const target = resolveRelative(root, file, spec);
        const ok = layer.may.some((m) => within(target, m)) || (typeOnly && (layer.typeOnly ?? []).some((m) => within(target, m)));
        if (!ok) problems.push(`${rel}: imports ${target}, which ${layer.dir} may not use`);
      } else if (BUILTINS.has(spec)) {
        if (!layer.node) problems.push(`${rel}: imports Node built-in '${spec}', not allowed in ${layer.dir}`);
      } else {
        const pkg = packageName(spec);
        if (pkg === 'electron' && !(within(rel, 'main/electron') || within(rel, 'preload')))
          problems.push(`${rel}: imports 'electron' outside main/electron/ and preload/`);
        else if (!layer.npm.includes(pkg) && !(typeOnly && pkg.startsWith('@types/')))
          problems.push(`${rel}: imports package '${pkg}', not allowed in ${layer.dir}`);
      }
    }
    if (!within(rel, 'main/db') && SQL_CALL.test(stripComments(src)))
      problems.push(`${rel}: runs SQL (.prepare/.exec/.pragma) outside main/db/`);
    if (within(rel, 'renderer') && !within(rel, 'renderer/i18n') && rel.endsWith('.tsx')) {
      stripComments(src)
        .split('\n')
        .forEach((line, i) => {
          if (CJK.test(line)) problems.push(`${rel}:${i + 1}: user-visible text inline; put it in renderer/i18n`);
        });
    }
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const problems = checkLayers(root);
  if (problems.length) {
    console.error(`layer check: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log('layer check: ok');
}
