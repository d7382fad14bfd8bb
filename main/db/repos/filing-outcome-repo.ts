/**
 * What became of a unit's filings (migration 010): the signed content of each filing (for the
 * next change report), filings marked 未报送 (moved out of `filing`, so the sequence is free
 * again), and key rotations announced in a filing (with the switch of the current key).
 */
import type { Db } from '../connection';
import { filingOf, type RawFiling } from './filing-repo';
import type { WithdrawnFiling } from '../../domain/package/outcomes';

interface RawWithdrawn extends RawFiling {
  id: number;
  withdrawn_at: string;
  withdrawn_by: string;
  reason: string;
}

const withdrawn = (r: RawWithdrawn): WithdrawnFiling => ({ ...filingOf(r), withdrawnAt: r.withdrawn_at, withdrawnBy: r.withdrawn_by, reason: r.reason });

const COLUMNS = `sequence, kind, digest, previous_digest, created_at, actor, signer_fingerprint, sealed_to,
                 file_name, file_sm3, file_bytes, systems, resources, items, catalog_entries`;

export interface KeyRotationRow {
  digest: string;
  oldFingerprint: string;
  newFingerprint: string;
  announcedAt: string;
}

export function createFilingOutcomeRepo(db: Db) {
  const contentInsert = db.prepare('INSERT OR REPLACE INTO filing_content (digest, bag_zip) VALUES (?, ?)');
  const contentGet = db.prepare<[string], { bag_zip: Buffer }>('SELECT bag_zip FROM filing_content WHERE digest = ?');
  const moveOut = db.prepare(
    `INSERT INTO filing_withdrawn (${COLUMNS}, withdrawn_at, withdrawn_by, reason)
     SELECT ${COLUMNS}, @at, @by, @reason FROM filing WHERE sequence = @sequence`,
  );
  const deleteFiling = db.prepare<[number]>('DELETE FROM filing WHERE sequence = ?');
  const withdrawnAll = db.prepare<[], RawWithdrawn>('SELECT * FROM filing_withdrawn ORDER BY id DESC');
  const rotationInsert = db.prepare('INSERT INTO key_rotation (digest, old_fingerprint, new_fingerprint, announced_at) VALUES (?, ?, ?, ?)');
  const rotationAll = db.prepare<[], { digest: string; old_fingerprint: string; new_fingerprint: string; announced_at: string }>('SELECT * FROM key_rotation');
  const retire = db.prepare('UPDATE signing_key SET retired_at = ? WHERE fingerprint = ? AND retired_at IS NULL');
  const reinstate = db.prepare('UPDATE signing_key SET retired_at = NULL WHERE fingerprint = ?');

  return {
    /** The signed bag (unsealed zip) of a filing, by package digest. */
    saveContent(digest: string, zip: Uint8Array): void {
      contentInsert.run(digest, zip);
    },
    content(digest: string): Buffer | undefined {
      return contentGet.get(digest)?.bag_zip;
    },
    /** Move a filing out of the history of filed packages (未报送); true when it was there. */
    withdraw(sequence: number, at: string, by: string, reason: string): boolean {
      if (moveOut.run({ sequence, at, by, reason }).changes !== 1) return false;
      deleteFiling.run(sequence);
      return true;
    },
    withdrawn(): WithdrawnFiling[] {
      return withdrawnAll.all().map(withdrawn);
    },
    insertRotation(r: KeyRotationRow): void {
      rotationInsert.run(r.digest, r.oldFingerprint, r.newFingerprint, r.announcedAt);
    },
    rotations(): KeyRotationRow[] {
      return rotationAll.all().map((r) => ({ digest: r.digest, oldFingerprint: r.old_fingerprint, newFingerprint: r.new_fingerprint, announcedAt: r.announced_at }));
    },
    /** Retire the current own key with this fingerprint (before another becomes current). */
    retireOwnKey(fingerprint: string, at: string): boolean {
      return retire.run(at, fingerprint).changes === 1;
    },
    /** Make a retired own key current again (after the current one was retired). */
    reinstateOwnKey(fingerprint: string): boolean {
      return reinstate.run(fingerprint).changes === 1;
    },
  };
}

export type FilingOutcomeRepo = ReturnType<typeof createFilingOutcomeRepo>;
