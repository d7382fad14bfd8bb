import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/connection';
import { createAuditRepo } from '../../main/db/repos/audit-repo';
import { canonicalJson } from '../../main/domain/canonical-json';
import { sm3Hex } from '../../main/crypto/sm3';
import { appFactory, PASS, VALID_PROFILE } from '../helpers/backend';
import { openKeyed } from '../helpers/files';

const apps = appFactory('ds-chain-');

/** A workspace with 5 audit entries: create + 4 profile saves. Closed on return. */
async function workspaceWithHistory(): Promise<string> {
  const app = apps.app();
  const file = apps.wsPath();
  await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: '审计', operator: '审计员' });
  for (const phone of ['13800000001', '13800000002', '13800000003']) {
    await app.call('profile.save', { profile: { ...VALID_PROFILE, officerPhone: phone } });
  }
  await app.call('profile.save', { profile: { ...VALID_PROFILE, officerPhone: '13800000003', address: '新地址' } });
  const v = await app.call('audit.verify', {});
  expect(v).toMatchObject({ ok: true, count: 5 });
  expect(v.brokenAt).toBeUndefined();
  await app.call('workspace.close', {});
  return file;
}

/** Change the raw database outside the app, then verify its chain with the repository. */
function tamper(file: string, sql: (db: Db) => void) {
  const db = openKeyed(file, PASS);
  try {
    sql(db);
    return createAuditRepo(db).verify();
  } finally {
    db.close();
  }
}

describe('the audit hash chain', () => {
  it('entries link: each prevHash is the previous hash, the first links to the genesis hash', async () => {
    const app = apps.app();
    const file = await workspaceWithHistory();
    await app.call('workspace.unlock', { path: file, passphrase: PASS });
    const { entries, total } = await app.call('audit.list', { offset: 0, limit: 100 });
    expect(total).toBe(6); // + workspace.unlock
    const asc = [...entries].reverse();
    expect(asc.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(asc[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < asc.length; i++) expect(asc[i]!.prevHash).toBe(asc[i - 1]!.hash);
    expect(new Set(asc.map((e) => e.hash)).size).toBe(6);
    // The hash is SM3 over the canonical JSON of the entry (recomputed independently here).
    const e = asc[2]!;
    const expected = sm3Hex(
      canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, entity: e.entity, entityId: e.entityId, before: canonicalJson(e.before), after: canonicalJson(e.after), prev: e.prevHash }),
    );
    expect(e.hash).toBe(expected);
    expect((await app.call('audit.verify', {})).headHash).toBe(asc[5]!.hash);
  });

  it('UPDATE and DELETE are refused while the triggers are in place', async () => {
    const file = await workspaceWithHistory();
    const db = openKeyed(file, PASS);
    try {
      expect(() => db.prepare(`UPDATE audit_log SET after_json = '{}' WHERE seq = 3`).run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 5').run()).toThrow(/append-only/);
      expect(createAuditRepo(db).verify()).toMatchObject({ ok: true, count: 5 });
    } finally {
      db.close();
    }
  });

  it('a changed entry (trigger dropped) breaks the chain at that seq with reason hash', async () => {
    const file = await workspaceWithHistory();
    const v = tamper(file, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare(`UPDATE audit_log SET after_json = ? WHERE seq = 3`).run('{"officerPhone":"13999999999"}');
    });
    expect(v.ok).toBe(false);
    expect(v.brokenAt).toEqual({ seq: 3, reason: 'hash' });

    // The app sees it too.
    const app = apps.app();
    await app.call('workspace.unlock', { path: file, passphrase: PASS });
    expect((await app.call('audit.verify', {})).brokenAt).toEqual({ seq: 3, reason: 'hash' });
  });

  it('a changed entry whose own hash is recomputed breaks the link from the next one (reason prev)', async () => {
    const file = await workspaceWithHistory();
    const v = tamper(file, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update');
      const r = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Record<string, string | number | null>;
      const forged = '{"officerPhone":"13999999999"}';
      const hash = sm3Hex(
        canonicalJson({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before_json, after: forged, prev: r.prev_hash }),
      );
      db.prepare('UPDATE audit_log SET after_json = ?, hash = ? WHERE seq = 3').run(forged, hash);
    });
    expect(v.brokenAt).toEqual({ seq: 4, reason: 'prev' });
  });

  it('a removed middle entry (trigger dropped) is a gap', async () => {
    const file = await workspaceWithHistory();
    const v = tamper(file, (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    });
    expect(v.ok).toBe(false);
    expect(v.brokenAt).toEqual({ seq: 3, reason: 'gap' });
  });

  it('removed and renumbered entries break the link (reason prev)', async () => {
    const file = await workspaceWithHistory();
    const v = tamper(file, (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update');
      db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
      db.prepare('UPDATE audit_log SET seq = seq - 1 WHERE seq > 3').run();
    });
    expect(v.brokenAt?.seq).toBe(3);
    expect(['prev', 'hash']).toContain(v.brokenAt?.reason);
  });

  it('a removed last entry is caught by the head row', async () => {
    const file = await workspaceWithHistory();
    const v = tamper(file, (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE seq = 5').run();
    });
    expect(v.ok).toBe(false);
    expect(v.brokenAt).toEqual({ seq: 5, reason: 'head' });
    expect(v.count).toBe(4);
  });

  it('a replaced entry (INSERT OR REPLACE, triggers kept) is refused on an app connection and caught by verify on any other', async () => {
    const file = await workspaceWithHistory();
    // An app connection (openDatabase + the app's settings) refuses it outright.
    const { db } = openDatabase(file, PASS);
    db.pragma('recursive_triggers = ON');
    const replace = `INSERT OR REPLACE INTO audit_log (seq, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash)
      SELECT seq, at, 'mallory', action, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit_log WHERE seq = 2`;
    try {
      expect(() => db.exec(replace)).toThrow(/append-only/);
    } finally {
      db.close();
    }
    // A bare connection gets past the triggers (SQLite fires no delete trigger on REPLACE without
    // recursive_triggers), but the chain still shows it.
    const v = tamper(file, (raw) => raw.exec(replace));
    expect(v.brokenAt).toEqual({ seq: 2, reason: 'hash' });
  });

  it('a rewritten head is caught', async () => {
    const file = await workspaceWithHistory();
    const v = tamper(file, (db) => db.prepare('UPDATE audit_head SET hash = ?').run('f'.repeat(64)));
    expect(v.brokenAt).toEqual({ seq: 6, reason: 'head' });
  });
});
