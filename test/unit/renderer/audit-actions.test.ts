/**
 * Every audit action the services write has a label in the audit log (AUDIT_ACTION_KEYS, both
 * languages). The services are read with the TypeScript parser: an action is a string written as
 * `action: '…'` in an object, or passed to a local helper whose parameter is named `action` (such as
 * `audit(store, operator, 'risk.project.create', …)`); conditionals and `??` give both sides, a
 * template such as `inventory.${kind}` must match at least one label. Each `audit.append({…})` must
 * name its action in one of these ways, so a new way of writing one fails here instead of slipping by.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_KEYS, lookup } from '../../../renderer/i18n/codes';
import { en } from '../../../renderer/i18n/en';
import { zhCN } from '../../../renderer/i18n/zh-CN';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SERVICES = path.join(ROOT, 'main/services');

/**
 * Areas whose labels are still being written by work in progress; the coordinator adds them and
 * then removes the prefix here (a test below fails once a prefix has nothing missing any more).
 */
const PENDING_PREFIXES: string[] = [];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.ts$/.test(e.name) ? [p] : [];
  });
}

interface Found {
  /** The action, or a pattern for a template such as `inventory.${kind}`. */
  action: string | RegExp;
  where: string;
}

interface Scan {
  found: Found[];
  /** `audit.append` calls whose action could not be followed to its value. */
  unresolved: string[];
}

const propName = (n: ts.PropertyName | ts.BindingName): string | undefined =>
  ts.isIdentifier(n) || ts.isStringLiteral(n) ? n.text : undefined;

const templatePattern = (t: ts.TemplateExpression): RegExp => {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${esc(t.head.text)}${t.templateSpans.map((s) => `[A-Za-z.]+${esc(s.literal.text)}`).join('')}$`);
};

function scanFile(file: string): Scan {
  const rel = path.relative(ROOT, file);
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const where = (n: ts.Node) => `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;

  // Local helpers with a parameter named `action`: name → its index.
  const helpers = new Map<string, number>();
  const calls: ts.CallExpression[] = [];
  const walk = (n: ts.Node) => {
    let fn: ts.SignatureDeclaration | undefined;
    let name: string | undefined;
    if (ts.isFunctionDeclaration(n) && n.name) [fn, name] = [n, n.name.text];
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer)))
      [fn, name] = [n.initializer, n.name.text];
    if (fn && name) {
      const i = fn.parameters.findIndex((p) => propName(p.name) === 'action');
      if (i >= 0) helpers.set(name, i);
    }
    if (ts.isCallExpression(n)) calls.push(n);
    ts.forEachChild(n, walk);
  };
  walk(sf);

  const isHelperParam = (id: ts.Identifier): boolean => {
    for (let p: ts.Node | undefined = id.parent; p; p = p.parent) {
      if (ts.isFunctionLike(p) && p.parameters.some((q) => propName(q.name) === id.text)) {
        const owner = ts.isVariableDeclaration(p.parent) ? propName(p.parent.name) : p.name && propName(p.name as ts.PropertyName);
        return owner !== undefined && helpers.has(owner) && id.text === 'action';
      }
    }
    return false;
  };

  const found: Found[] = [];
  /** Collects the values of an action expression; false when it cannot be followed. */
  const values = (e: ts.Expression): boolean => {
    if (ts.isStringLiteralLike(e)) return found.push({ action: e.text, where: where(e) }) > 0;
    if (ts.isTemplateExpression(e)) return found.push({ action: templatePattern(e), where: where(e) }) > 0;
    if (ts.isParenthesizedExpression(e)) return values(e.expression);
    if (ts.isConditionalExpression(e)) return [values(e.whenTrue), values(e.whenFalse)].every(Boolean);
    if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind))
      return [values(e.left), values(e.right)].every(Boolean);
    // `opts.action`: the object it comes from has an `action: '…'` property, collected below.
    if (ts.isPropertyAccessExpression(e) && e.name.text === 'action') return true;
    // The parameter of a local helper: its callers' arguments are collected below.
    if (ts.isIdentifier(e)) return isHelperParam(e);
    return false;
  };

  const unresolved: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAssignment(n) && propName(n.name) === 'action' && !values(n.initializer)) {
      unresolved.push(`${where(n)} action: ${n.initializer.getText(sf)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  for (const c of calls) {
    const callee = ts.isIdentifier(c.expression) ? c.expression.text : ts.isPropertyAccessExpression(c.expression) ? c.expression.name.text : undefined;
    const i = callee === undefined ? undefined : helpers.get(callee);
    const arg = i === undefined ? undefined : c.arguments[i];
    if (arg && !values(arg)) unresolved.push(`${where(arg)} ${callee}(… ${arg.getText(sf)} …)`);
    // audit.append({ …, action }) with a shorthand property must be a helper's parameter.
    if (ts.isPropertyAccessExpression(c.expression) && c.expression.name.text === 'append' && c.expression.expression.getText(sf).endsWith('audit')) {
      const [obj] = c.arguments;
      const prop = obj && ts.isObjectLiteralExpression(obj) ? obj.properties.find((p) => p.name && propName(p.name) === 'action') : undefined;
      if (!prop) unresolved.push(`${where(c)} audit.append without an action property the test can read`);
      else if (ts.isShorthandPropertyAssignment(prop) && !isHelperParam(prop.name)) unresolved.push(`${where(c)} action from a variable the test cannot follow`);
    }
  }
  return { found, unresolved };
}

const scans = files(SERVICES).map(scanFile);
const found = scans.flatMap((s) => s.found);
const keys = Object.keys(AUDIT_ACTION_KEYS);
const labelled = (f: Found) => (typeof f.action === 'string' ? lookup(AUDIT_ACTION_KEYS, f.action) !== undefined : keys.some((k) => (f.action as RegExp).test(k)));
const pending = (f: Found) => PENDING_PREFIXES.some((p) => String(f.action).replace(/^\/\^/, '').replace(/\\\./g, '.').startsWith(p));

describe('audit action labels', () => {
  it('reads every action the services write (none hidden behind a variable it cannot follow)', () => {
    expect(scans.flatMap((s) => s.unresolved)).toEqual([]);
    const actions = found.map((f) => String(f.action));
    // The scan sees the actions of the older areas and of this session's ones.
    for (const a of ['workspace.create', 'inventory.system.create', 'catalog.create', 'catalog.save', 'keys.generate', 'excel.import', 'mapping.update', 'risk.project.create', 'risk.report.generate'])
      expect(actions).toContain(a);
    expect(actions.some((a) => a.startsWith('/^inventory\\.'))).toBe(true);
  });

  it('every audit action written in main/services has a label', () => {
    const missing = found.filter((f) => !labelled(f) && !pending(f)).map((f) => `${String(f.action)} (${f.where})`);
    expect(missing).toEqual([]);
  });

  it('every label names a catalogue text in both languages', () => {
    for (const [action, key] of Object.entries(AUDIT_ACTION_KEYS)) {
      expect(zhCN[key], action).toBeTruthy();
      expect(en[key], action).toBeTruthy();
    }
  });

  it('a pending area still has unlabelled actions (otherwise remove it from PENDING_PREFIXES)', () => {
    for (const p of PENDING_PREFIXES) {
      const left = found.filter((f) => pending(f) && String(f.action).startsWith(p) && !labelled(f));
      expect(left.length, `${p}* are all labelled now: remove '${p}' from PENDING_PREFIXES`).toBeGreaterThan(0);
    }
  });
});
