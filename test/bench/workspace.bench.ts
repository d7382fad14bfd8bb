/**
 * Benchmark: the workspace spine at inventory scale. Prints its figures; run with `npm run bench`.
 * - create and unlock (SQLCipher key stretching) of an encrypted workspace
 * - audit log: appends per second, verifying a 200,000-entry chain, reading the newest page
 * - profile save (validation + update + audit entry in one transaction)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../main/services/index';
import { EMPTY_PROFILE } from '../../main/domain/profile';

const N = Number(process.env.BENCH_AUDIT_ENTRIES ?? 200_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-bench-'));
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const time = <T>(fn: () => T): [T, number] => {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, ms(t0)];
};

try {
  const s = createServices({ appVersion: 'bench', configDir: dir });
  const file = path.join(dir, 'bench.dsw');
  const [, createMs] = time(() => s.workspace.create({ path: file, passphrase: 'bench-passphrase', role: 'unit', name: 'bench', operator: 'bench' }));
  s.workspace.lock();
  const [, unlockMs] = time(() => s.workspace.unlock({ passphrase: 'bench-passphrase' }));
  const open = s.session.requireOpen();

  const batch = 10_000;
  const [, appendMs] = time(() => {
    for (let done = 0; done < N; done += batch) {
      open.store.tx(() => {
        for (let i = 0; i < batch; i++)
          open.store.audit.append({ actor: '张三', action: 'item.update', entity: 'item', entityId: `SYS01-T003-F${done + i}`, before: { level: '一般数据3级' }, after: { level: '一般数据4级', reason: '含敏感个人信息' } });
      });
    }
  });
  const [v, verifyMs] = time(() => s.audit.verify());
  const [, pageMs] = time(() => s.audit.list(0, 50));
  const [, deepPageMs] = time(() => s.audit.list(N - 100, 50));

  const profile = { ...EMPTY_PROFILE, unitName: '某区卫生健康委员会', uscc: '91350100M000100Y43', officerName: '李四', officerTitle: '副主任', officerPhone: '13800138000', managementBody: '信息中心', preparerName: '王五', preparerPhone: '021-62345678' };
  const saves = 200;
  const [, saveMs] = time(() => {
    for (let i = 0; i < saves; i++) s.profile.save({ ...profile, address: `地址${i}` });
  });
  s.dispose();
  const size = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log(`create workspace                 ${createMs.toFixed(0)} ms`);
  console.log(`unlock (PBKDF2 + migrations)     ${unlockMs.toFixed(0)} ms`);
  console.log(`audit append ×${N}            ${appendMs.toFixed(0)} ms  (${Math.round(N / (appendMs / 1000))} entries/s, SM3 chained, in ${N / batch} transactions)`);
  console.log(`audit verify ×${v.count}            ${verifyMs.toFixed(0)} ms  (ok=${v.ok})`);
  console.log(`audit newest page (50)           ${pageMs.toFixed(1)} ms`);
  console.log(`audit deep page (offset ${N - 100})  ${deepPageMs.toFixed(1)} ms`);
  console.log(`profile save ×${saves}               ${saveMs.toFixed(0)} ms  (${(saveMs / saves).toFixed(2)} ms each, synchronous=FULL)`);
  console.log(`workspace size                   ${(size / 2 ** 20).toFixed(1)} MiB`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
