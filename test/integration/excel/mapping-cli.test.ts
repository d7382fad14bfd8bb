/** `datasteward import --path P FILE --mapping NAME`: a saved column mapping used from the CLI, as a real process. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposeValue, valueKey, type MappingTarget } from '../../../main/domain/sheets/mapping';
import { appFactory, PASS } from '../../helpers/backend';
import { tempDir } from '../../helpers/tmp';
import { unitApp } from './helpers';
import { useCli } from '../../helpers/cli';

const root = path.resolve(__dirname, '../../..');
const dir = tempDir('ds-mapping-cli-');
const FIX = path.join(root, 'test', 'fixtures', 'excel');
const apps = appFactory('ds-mapping-cli-ws-');

const cli = useCli(dir, PASS);

describe('datasteward import --mapping', () => {
  it('dry-runs and imports a ledger through a saved mapping; refuses an unknown mapping or a sheet without its headers', async () => {
    const ledger = path.join(FIX, 'mapping-ledger.xlsx');
    const { app, path: ws } = await unitApp(apps);
    const view = await app.call('mapping.open', { path: ledger });
    const columns = view.columns.filter((c) => c.proposal.target).map((c) => ({ column: c.index, target: c.proposal.target as MappingTarget }));
    const values: Record<string, Record<string, string>> = {};
    for (const c of view.columns) {
      const t = c.proposal.target;
      if (t === 'level' || t === 'storageLocation' || t === 'isPersonalInfo') values[t] = Object.fromEntries(c.distinct.map((d) => [valueKey(d.value), proposeValue(t, d.value, view.synonyms).code || '重要数据']));
    }
    await app.call('mapping.save', { name: '医院台账', path: ledger, sheet: view.sheet, headerRow: view.headerRow, rules: { columns, values } });
    await app.call('workspace.close', {});

    const dry = cli(['import', '--path', ws, path.join(FIX, 'mapping-ledger.xls'), '--mapping', '医院台账', '--dry-run', '--json']);
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ ok: true, dryRun: true, counts: { added: 8, changed: 0 } });

    const done = cli(['import', '--path', ws, ledger, '--mapping', '医院台账', '--json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ ok: true, dryRun: false, counts: { added: 8 } });
    expect(JSON.parse(cli(['import', '--path', ws, ledger, '--mapping', '医院台账', '--dry-run', '--json']).out).counts).toMatchObject({ added: 0, unchanged: 8 });

    const unknown = cli(['import', '--path', ws, ledger, '--mapping', '没有']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('没有');
    const wrong = cli(['import', '--path', ws, path.join(FIX, 'clean.xlsx'), '--mapping', '医院台账']);
    expect(wrong.code).toBe(2);
    expect(cli(['import', '--path', ws, ledger, '--mapping', '医院台账', '--remove-missing']).code).toBe(2);
  });
});
