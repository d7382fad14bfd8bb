/**
 * Keys of a workspace: its own SM2 signing key (the private key as PKCS#8 DER, at rest inside the
 * SQLCipher-encrypted workspace and nowhere else), and the counterparts' public keys that the
 * user confirmed by fingerprint (a unit keeps the bureau's, for sealing; a bureau keeps each
 * unit's, bound to its 统一社会信用代码, for verifying).
 */
import type { Db } from '../connection';

export interface OwnKeyRow {
  id: number;
  fingerprint: string;
  publicKeyDer: Uint8Array;
  privateKeyPkcs8: Uint8Array;
  userId: string;
  createdAt: string;
  retiredAt: string | null;
}

export type CounterpartRole = 'unit' | 'bureau';

export interface CounterpartRow {
  id: number;
  role: CounterpartRole;
  fingerprint: string;
  publicKeyDer: Uint8Array;
  label: string;
  /** For a unit's key on a bureau workspace: the unit it speaks for. '' otherwise. */
  uscc: string;
  confirmedAt: string;
  confirmedBy: string;
  revokedAt: string | null;
}

interface RawOwn {
  id: number;
  fingerprint: string;
  public_key_der: Buffer;
  private_key_pkcs8: Buffer;
  user_id: string;
  created_at: string;
  retired_at: string | null;
}

interface RawCounterpart {
  id: number;
  role: CounterpartRole;
  fingerprint: string;
  public_key_der: Buffer;
  label: string;
  uscc: string;
  confirmed_at: string;
  confirmed_by: string;
  revoked_at: string | null;
}

const own = (r: RawOwn): OwnKeyRow => ({
  id: r.id,
  fingerprint: r.fingerprint,
  publicKeyDer: new Uint8Array(r.public_key_der),
  privateKeyPkcs8: new Uint8Array(r.private_key_pkcs8),
  userId: r.user_id,
  createdAt: r.created_at,
  retiredAt: r.retired_at,
});

const counterpart = (r: RawCounterpart): CounterpartRow => ({
  id: r.id,
  role: r.role,
  fingerprint: r.fingerprint,
  publicKeyDer: new Uint8Array(r.public_key_der),
  label: r.label,
  uscc: r.uscc,
  confirmedAt: r.confirmed_at,
  confirmedBy: r.confirmed_by,
  revokedAt: r.revoked_at,
});

export function createKeyRepo(db: Db) {
  const current = db.prepare<[], RawOwn>('SELECT * FROM signing_key WHERE retired_at IS NULL');
  const allOwn = db.prepare<[], RawOwn>('SELECT * FROM signing_key ORDER BY id');
  const insertOwn = db.prepare(
    'INSERT INTO signing_key (fingerprint, public_key_der, private_key_pkcs8, user_id, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const allCounterparts = db.prepare<[], RawCounterpart>('SELECT * FROM counterpart_key ORDER BY id');
  const byFingerprint = db.prepare<[string], RawCounterpart>('SELECT * FROM counterpart_key WHERE fingerprint = ?');
  const insertCounterpart = db.prepare(
    `INSERT INTO counterpart_key (role, fingerprint, public_key_der, label, uscc, confirmed_at, confirmed_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const revoke = db.prepare('UPDATE counterpart_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  return {
    /** The key this workspace signs with now. */
    current(): OwnKeyRow | undefined {
      const r = current.get();
      return r && own(r);
    },
    /** Every own key, retired ones included (their public keys verify older packages). */
    allOwn(): OwnKeyRow[] {
      return allOwn.all().map(own);
    },
    insertOwn(k: Omit<OwnKeyRow, 'id' | 'retiredAt'>): number {
      return Number(insertOwn.run(k.fingerprint, k.publicKeyDer, k.privateKeyPkcs8, k.userId, k.createdAt).lastInsertRowid);
    },
    counterparts(): CounterpartRow[] {
      return allCounterparts.all().map(counterpart);
    },
    counterpartByFingerprint(fingerprint: string): CounterpartRow | undefined {
      const r = byFingerprint.get(fingerprint);
      return r && counterpart(r);
    },
    insertCounterpart(c: Omit<CounterpartRow, 'id' | 'revokedAt'>): number {
      return Number(insertCounterpart.run(c.role, c.fingerprint, c.publicKeyDer, c.label, c.uscc, c.confirmedAt, c.confirmedBy).lastInsertRowid);
    },
    revokeCounterpart(id: number, at: string): boolean {
      return revoke.run(at, id).changes === 1;
    },
  };
}

export type KeyRepo = ReturnType<typeof createKeyRepo>;
