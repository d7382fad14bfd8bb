/**
 * Automatic review flags on real filings (sensitive personal information below 一般数据4级, a
 * lowering against the previous filing with its 定级理由 side by side, important data on a system
 * below 等保第三级, a resource below its items), per-flag filtering of the worklist, and a key
 * rotation announced in a package: applied only with the confirmed fingerprint, after which the
 * old key is retired and the new one verifies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFactory } from '../../helpers/backend';
import { bureauWorkspace, unitWorkspace } from '../package/fixtures';
import { computeReviewFlags } from '../../../main/domain/bureau';

const apps = appFactory('ds-bureau-flags-');
const dir = () => fs.mkdtempSync(path.join(apps.root, 'o-'));

async function setup() {
  const bureau = await bureauWorkspace(apps);
  const unit = await unitWorkspace(apps);
  await bureau.app.call('bureau.unitSave', { uscc: '91110000600037341L', name: '某区卫健委' });
  await bureau.app.call('bureau.keyAdd', { uscc: '91110000600037341L', pem: unit.publicKeyPem, fingerprint: unit.fingerprint });
  const rows = async () => (await unit.app.call('inventory.query', { limit: 100 })).rows;
  return { bureau, unit, d: dir(), rows };
}

describe('review flags', () => {
  it('flags a lowering, sensitive data below level 4 and important data on a low system; the worklist filters by flag and decision', async () => {
    const { bureau, unit, d, rows } = await setup();
    const p1 = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, '1.dsp'), seal: false });
    const f1 = (await bureau.app.call('bureau.intake', { paths: [p1.path] })).results[0]!.filingId!;
    const before = (await bureau.app.call('bureau.entries', { filingId: f1 })).rows;
    const levelOf = (dataId: string) => before.find((e) => e.dataId === dataId)!.level;
    expect(levelOf('SYS01-T001-F002')).toBe('一般数据4级');

    const r = await rows();
    const id = (dataId: string) => r.find((x) => x.dataId === dataId)!.id;
    await unit.app.call('inventory.update', { id: id('SYS01-T001-F002'), changes: { level: '一般数据2级', rationale: '已脱敏仅存末四位' } });
    await unit.app.call('inventory.updateSystem', { id: r[0]!.systemId, mlpsLevel: '第二级' });
    const p2 = await unit.app.call('package.build', { kind: 'change', outPath: path.join(d, '2.dsp'), seal: false });
    const f2 = (await bureau.app.call('bureau.intake', { paths: [p2.path] })).results[0]!.filingId!;

    const review = await bureau.app.call('bureau.review', { filingId: f2 });
    const flagCodes = review.flags.map((f) => f.code).sort();
    expect(flagCodes).toContain('FLAG_LOWERED');
    expect(flagCodes).toContain('FLAG_SENSITIVE_BELOW_4');
    expect(review.diff.lowered).toBeGreaterThanOrEqual(1);
    const lowered = await bureau.app.call('bureau.diff', { filingId: f2, levelChange: 'lowered' });
    const row = lowered.rows.find((x) => x.dataId === 'SYS01-T001-F002')!;
    expect(row).toMatchObject({ levelBefore: '一般数据4级', levelAfter: '一般数据2级', rationaleAfter: '已脱敏仅存末四位' });

    const worklist = await bureau.app.call('bureau.entries', { filingId: f2, code: 'FLAG_SENSITIVE_BELOW_4' });
    expect(worklist.rows.map((e) => e.dataId)).toEqual(['SYS01-T001-F002']);
    expect(worklist.rows[0]!.flags.map((f) => f.code).sort()).toEqual(['FLAG_LOWERED', 'FLAG_SENSITIVE_BELOW_4']);
    const flagged = await bureau.app.call('bureau.entries', { filingId: f2, flaggedOnly: true });
    expect(flagged.total).toBe(review.filing.flags);
    const low = await bureau.app.call('bureau.entries', { filingId: f2, code: 'FLAG_IMPORTANT_LOW_MLPS' });
    expect(low.rows.map((e) => e.dataId)).toContain('SYS01-T001');
    expect(review.decisions.flaggedUndecided).toBe(review.filing.flags);

    // Deciding a flagged entry takes it off the undecided count; a return needs a comment.
    expect((await bureau.app.fail('bureau.decideEntries', { filingId: f2, dataIds: ['SYS01-T001-F002'], decision: 'return', comment: ' ' })).code).toBe('BUREAU_COMMENT_REQUIRED');
    await bureau.app.call('bureau.decideEntries', { filingId: f2, dataIds: ['SYS01-T001-F002'], decision: 'return', comment: '敏感个人信息不应低于4级' });
    expect((await bureau.app.call('bureau.review', { filingId: f2 })).decisions).toMatchObject({ returned: 1, flaggedUndecided: review.filing.flags - 1 });
    const undecided = await bureau.app.call('bureau.entries', { filingId: f2, flaggedOnly: true, decision: 'none' });
    expect(undecided.total).toBe(review.filing.flags - 1);
    // The quality findings of the filed content are there, paged.
    const findings = await bureau.app.call('bureau.findings', { filingId: f2, limit: 5 });
    expect(findings.total).toBe(review.quality.errors + review.quality.warnings);
  });
});

describe('key rotation', () => {
  it('is applied after the reviewer confirms the new fingerprint; the old key is retired', async () => {
    const { bureau, unit, d } = await setup();
    const p1 = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, '1.dsp'), seal: false, rotateKey: true } as never);
    const r = (await bureau.app.call('bureau.intake', { paths: [p1.path] })).results[0]!;
    expect(r.outcome).toBe('accepted');
    expect(r.rotation).toMatchObject({ oldFingerprint: unit.fingerprint, appliedAt: null });
    const pending = await bureau.app.call('bureau.rotations', {});
    expect(pending).toHaveLength(1);
    const newFp = pending[0]!.newFingerprint;
    const status = await unit.app.call('keys.status', {});
    expect(status.own?.fingerprint).toBe(newFp);

    // Before applying: the new key's package is refused.
    const p2 = await unit.app.call('package.build', { kind: 'change', outPath: path.join(d, '2.dsp'), seal: false });
    expect((await bureau.app.call('bureau.intake', { paths: [p2.path] })).results[0]!.codes).toEqual(['PKG_UNKNOWN_SIGNER']);
    expect((await bureau.app.fail('bureau.rotationApply', { filingId: r.filingId!, fingerprint: unit.fingerprint })).code).toBe('KEY_FINGERPRINT_MISMATCH');
    const unitAfter = await bureau.app.call('bureau.rotationApply', { filingId: r.filingId!, fingerprint: newFp });
    expect(unitAfter.keys.map((k) => [k.fingerprint, k.retiredAt === null])).toEqual([
      [unit.fingerprint, false],
      [newFp, true],
    ]);
    expect(await bureau.app.call('bureau.rotations', {})).toEqual([]);
    expect((await bureau.app.call('bureau.intake', { paths: [p2.path] })).accepted).toBe(1);
  });
});

describe('the flag rules themselves', () => {
  it('a resource below its highest item, and important data without a catalog row or security measures', () => {
    const e = (kind: 'resource' | 'item', dataId: string, resourceDataId: string, level: string) =>
      ({ kind, dataId, resourceDataId, level, rationale: '', isSensitivePersonalInfo: '', systemName: 'S' }) as never;
    const flags = computeReviewFlags({
      entries: [e('resource', 'R1', 'R1', '一般数据3级'), e('item', 'R1-1', 'R1', '重要数据'), e('resource', 'R2', 'R2', '重要数据')],
      catalog: [{ dataId: 'R2', level: '重要数据', securityMeasures: '', mlpsLevel: '第三级' }],
      systems: [{ name: 'S', mlpsLevel: '第三级' }],
    });
    expect(flags.get('R1')).toEqual(['FLAG_RESOURCE_BELOW_ITEMS']);
    expect(flags.get('R1-1')).toEqual(['FLAG_IMPORTANT_NO_CATALOG']);
    expect(flags.get('R2')).toEqual(['FLAG_IMPORTANT_NO_MEASURES']);
  });
});
