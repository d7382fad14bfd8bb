/** The layer check refuses imports that cross layers the wrong way, on a small fake tree. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/tmp';
// @ts-expect-error: a plain .mjs script without types
import { checkLayers } from '../../../scripts/check-layers.mjs';

const run = checkLayers as (root: string) => string[];

function tree(files: Record<string, string>): string {
  const root = tempDir('ds-layers-');
  for (const [rel, src] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), src);
  }
  return root;
}

const clean = {
  'main/domain/rule.ts': "import { z } from 'zod';\nexport const r = z.string();\n",
  'main/db/repo.ts': "import Database from 'better-sqlite3-multiple-ciphers';\nimport { r } from '../domain/rule';\nexport const q = (d: Database.Database) => d.prepare('SELECT 1');\n",
  'main/services/svc.ts': "import { q } from '../db/repo';\nimport fs from 'node:fs';\nexport { q, fs };\n",
  'main/electron/main.ts': "import { app } from 'electron';\nexport { app };\n",
  'preload/preload.ts': "import { contextBridge } from 'electron';\nimport type { Result } from '../main/api/result';\nexport type R = Result<1>;\nexport { contextBridge };\n",
  'renderer/App.tsx': "import { r } from '../main/domain/rule';\nimport { useState } from 'react';\nexport const t = { r, useState };\n",
};

describe('layer check', () => {
  it('accepts a tree where every import goes downward', () => {
    expect(run(tree(clean))).toEqual([]);
  });

  it('refuses the domain importing the database layer', () => {
    const problems = run(tree({ ...clean, 'main/domain/bad.ts': "import { q } from '../db/repo';\nexport { q };\n" }));
    expect(problems.join('\n')).toMatch(/main\/domain\/bad\.ts: imports main\/db\/repo\.ts/);
  });

  it('refuses Node built-ins in the domain and in the renderer', () => {
    const problems = run(tree({ ...clean, 'main/domain/io.ts': "import fs from 'node:fs';\nexport { fs };\n", 'renderer/x.ts': "import path from 'path';\nexport { path };\n" }));
    expect(problems).toHaveLength(2);
  });

  it("refuses 'electron' outside main/electron and preload", () => {
    const problems = run(tree({ ...clean, 'main/services/win.ts': "import { BrowserWindow } from 'electron';\nexport { BrowserWindow };\n" }));
    expect(problems.join('\n')).toMatch(/imports 'electron' outside/);
  });

  it('refuses the renderer importing services or the database', () => {
    const problems = run(tree({ ...clean, 'renderer/y.ts': "import { q } from '../main/services/svc';\nexport { q };\n" }));
    expect(problems.join('\n')).toMatch(/renderer\/y\.ts: imports main\/services\/svc\.ts/);
  });

  it('refuses a value import of main code in the preload but accepts a type-only one', () => {
    const problems = run(tree({ ...clean, 'preload/p2.ts': "import { contract } from '../main/api/contract';\nexport { contract };\n", 'main/api/contract.ts': 'export const contract = {};\n' }));
    expect(problems.join('\n')).toMatch(/preload\/p2\.ts: imports main\/api\/contract\.ts/);
  });

  it('refuses SQL outside main/db', () => {
    const problems = run(tree({ ...clean, 'main/services/sql.ts': "export const f = (db: { prepare(s: string): unknown }) => db.prepare('DELETE FROM audit_log');\n" }));
    expect(problems.join('\n')).toMatch(/runs SQL/);
  });

  it('refuses Chinese text inline in a renderer component', () => {
    const problems = run(tree({ ...clean, 'renderer/Button.tsx': "export const B = () => <button>保存</button>;\n" }));
    expect(problems.join('\n')).toMatch(/renderer\/Button\.tsx:1: user-visible text inline/);
  });

  it('refuses a multi-line import that crosses', () => {
    const problems = run(tree({ ...clean, 'main/domain/multi.ts': "import {\n  q,\n} from '../db/repo';\nexport { q };\n" }));
    expect(problems).toHaveLength(1);
  });

  it('passes on this repository', () => {
    expect(run(path.resolve(__dirname, '../../..'))).toEqual([]);
  });
});
