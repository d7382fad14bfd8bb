/**
 * The schema after every migration, as a committed file. An accidental schema change (a migration
 * edited after release, a column renamed) fails here; an intended one is accepted with `vitest -u`
 * and shows up in review as a diff of __snapshots__/schema.sql.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/connection';
import { LATEST_VERSION } from '../../main/db/migrations/index';
import { tempDir } from '../helpers/tmp';
import { dbAtVersion } from '../helpers/migrations';
import { appFactory, PASS } from '../helpers/backend';
import { openKeyed } from '../helpers/files';

const root = tempDir('ds-schema-');
const apps = appFactory('ds-schema-app-');
let db: Db | undefined;
afterEach(() => db?.close());

/** One line per object, white space collapsed, in a stable order. */
function schemaText(d: Db): string {
  const rows = d
    .prepare<[], { type: string; name: string; tbl_name: string; sql: string | null }>(
      'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY tbl_name, type, name',
    )
    .all();
  const lines = [
    `-- user_version ${d.pragma('user_version', { simple: true })}`,
    `-- application_id ${d.pragma('application_id', { simple: true })}`,
    ...rows.map((r) =>
      r.sql === null ? `-- ${r.type} ${r.name} on ${r.tbl_name} (automatic)` : `${r.sql.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim()};`,
    ),
  ];
  return lines.join('\n') + '\n';
}

describe('schema snapshot', () => {
  it('the schema after all migrations matches __snapshots__/schema.sql', async () => {
    ({ db } = dbAtVersion(root, LATEST_VERSION));
    await expect(schemaText(db)).toMatchFileSnapshot('./__snapshots__/schema.sql');
  });

  it('a workspace made by workspace.create has the same schema as the bare migrations', async () => {
    ({ db } = dbAtVersion(root, LATEST_VERSION));
    const fromMigrations = schemaText(db);
    const app = apps.app();
    const file = apps.wsPath();
    await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: 'w', operator: '' });
    await app.call('workspace.close', {});
    const raw = openKeyed(file, PASS);
    try {
      expect(schemaText(raw)).toBe(fromMigrations);
    } finally {
      raw.close();
    }
  });
});
