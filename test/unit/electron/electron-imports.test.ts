/**
 * Only main/electron/ and preload/ may import 'electron'. Inside them only the two entry points
 * (main/electron/main.ts, preload/preload.ts) import it at run time; every other module takes
 * types only, which is what lets the unit tests load them without an Electron binary. Tests do not
 * import it at all. Imports are read with the TypeScript parser, so text inside strings (test
 * fixtures) does not count.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOTS = ['main', 'preload', 'renderer', 'scripts', 'bin', 'test'];
const SKIP = new Set(['node_modules', 'dist', 'release', '.git']);
const EXT = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : EXT.test(e.name) ? [p] : [];
  });
}

const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/');

interface Found {
  spec: string;
  typeOnly: boolean;
}

/** Every import of 'electron' in a source text: static, export-from, require(), import(). */
function electronImports(fileName: string, src: string): Found[] {
  const sf = ts.createSourceFile(fileName, src, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && isElectron(node.moduleSpecifier.text)) {
      found.push({ spec: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly === true });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      isElectron(node.moduleSpecifier.text)
    ) {
      found.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e) && isElectron(e.text)) found.push({ spec: e.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node)) {
      const [arg] = node.arguments;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isDynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if ((isRequire || isDynamic) && arg && ts.isStringLiteralLike(arg) && isElectron(arg.text)) found.push({ spec: arg.text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      if (isElectron(node.argument.literal.text)) found.push({ spec: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const rel = (f: string) => f.split(path.sep).join('/');
const scanned = ROOTS.flatMap(files).map((f) => ({ file: rel(f), imports: electronImports(f, fs.readFileSync(f, 'utf8')) }));
const importing = scanned.filter((s) => s.imports.length > 0);

describe("who imports 'electron'", () => {
  it('scans the tree', () => {
    expect(scanned.map((s) => s.file)).toEqual(expect.arrayContaining(['main/electron/main.ts', 'preload/preload.ts']));
  });

  it('nothing outside main/electron/ and preload/ (tests included)', () => {
    const offenders = importing.filter((s) => !s.file.startsWith('main/electron/') && !s.file.startsWith('preload/')).map((s) => s.file);
    expect(offenders).toEqual([]);
  });

  it('at run time only the two entry points; every other module imports types only', () => {
    const runtime = importing.filter((s) => s.imports.some((i) => !i.typeOnly)).map((s) => s.file);
    expect(runtime.sort()).toEqual(['main/electron/main.ts', 'preload/preload.ts']);
  });

  it('the detector sees every form and ignores strings', () => {
    const cases: [string, Found[]][] = [
      ["import { app } from 'electron';", [{ spec: 'electron', typeOnly: false }]],
      ['import type { App } from "electron";', [{ spec: 'electron', typeOnly: true }]],
      // kept at run time under verbatimModuleSyntax (becomes `import {} from 'electron'`)
      ["import { type App } from 'electron';", [{ spec: 'electron', typeOnly: false }]],
      ["import * as e from 'electron/main';", [{ spec: 'electron/main', typeOnly: false }]],
      ["const { app } = require('electron');", [{ spec: 'electron', typeOnly: false }]],
      ["const e = await import('electron');", [{ spec: 'electron', typeOnly: false }]],
      ["import 'electron';", [{ spec: 'electron', typeOnly: false }]],
      ["export { app } from 'electron';", [{ spec: 'electron', typeOnly: false }]],
      ["import e = require('electron');", [{ spec: 'electron', typeOnly: false }]],
      ["type A = import('electron').App;", [{ spec: 'electron', typeOnly: true }]],
      ["const s = \"import { app } from 'electron'\";", []],
      ["import x from 'electron-builder';", []],
    ];
    for (const [src, expected] of cases) expect(electronImports('x.ts', src), src).toEqual(expected);
  });
});
