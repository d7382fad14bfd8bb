/**
 * CLI commands for keys and filing packages:
 *   keys generate|show|export-public|backup|import, package (build), package history,
 *   package accept, verify.
 * `verify` exits 0 when the package is valid, 1 when it is not (or a domain error), 2 on bad usage
 * (including a package file that cannot be read).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../api/contract';
import { FILING_KIND_CODES, FILING_KIND_LABELS, type FilingKindCode, type VerifyReport } from '../domain/package/index';
import type { ErrorInfo } from '../domain/errors';
import { parseArgs, UsageError } from './args';
import { readPassphrase } from './passphrase';

export const PACKAGE_HELP = `  datasteward keys generate --path FILE [--json]
  datasteward keys show --path FILE [--json]
  datasteward keys export-public --path FILE --out PEM [--force]
  datasteward keys backup --path FILE --out FILE [--label TEXT] [--force]
      备份口令从 DATASTEWARD_BACKUP_PASSPHRASE 读取，未设置时提示输入。
      The backup passphrase is read from DATASTEWARD_BACKUP_PASSPHRASE, or prompted for.
  datasteward keys import --path FILE --pem PEM --fingerprint "XXXX XXXX …" [--uscc CODE] [--label TEXT]
      导入对方公钥：--fingerprint 为与对方核对过的指纹，不一致则拒绝。区数据局导入单位公钥时需 --uscc。
      Imports the other side's public key; --fingerprint is the one confirmed with them (refused
      on any difference). A bureau importing a unit's key gives the unit's --uscc.
  datasteward package --path FILE --kind initial|change|annual|deregistration --out FILE.dsp
                     [--seal-to PEM | --no-seal] [--rotate-key] [--force] [--json]
      --rotate-key：生成新签名密钥，由旧密钥在本包中签名宣告，之后以新密钥签名。
      --rotate-key: a new signing key, announced in this package signed by the old key, is current afterwards.
  datasteward package history --path FILE [--json]
  datasteward package withdraw --path FILE --sequence N [--reason TEXT] [--json]
      将最近一次生成但未报送的备案包标记为“未报送”：下一个备案包沿用其序号和上一包摘要。
      Marks the latest package as not sent (never delivered): the next package reuses its sequence.
  datasteward package accept PACKAGE.dsp --path BUREAU_FILE [--json]
  datasteward verify PACKAGE.dsp [--pubkey PEM | --path BUREAU_FILE] [--json]
      验证备案包：有效退出码 0，无效 1，用法错误 2。--json 输出
      { ok, signer: { fingerprint, unit, uscc }, kind, sequence, errors: [ { code, message, entry? } ] }。
      Verifies a package: exit 0 valid, 1 invalid, 2 usage. --json prints the object above.
`;

type Invoke = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

export interface CliHost {
  withBackend<T>(fn: (invoke: Invoke) => Promise<T>): Promise<T>;
  requirePath(opts: Record<string, string | true>): string;
  /** The error a failed call throws, to tell domain errors from the rest. */
  isDomainFailure(e: unknown): e is Error & { info: ErrorInfo };
}

const str = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

function need(opts: Record<string, string | true>, name: string): string {
  const v = opts[name];
  if (typeof v !== 'string') throw new UsageError(`--${name} is required / 需要 --${name}`);
  return v;
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}) / 无法读取${what === 'PEM' ? '公钥文件' : '文件'} ${file}`);
  }
}

async function unlocked<T>(host: CliHost, file: string, fn: (invoke: Invoke) => Promise<T>): Promise<T> {
  const passphrase = await readPassphrase({ confirm: false });
  return host.withBackend(async (invoke) => {
    await invoke('workspace.unlock', { path: file, passphrase });
    return fn(invoke);
  });
}

const print = (json: boolean, value: unknown, lines: () => string[]) => {
  if (json) console.log(JSON.stringify(value, null, 2));
  else for (const l of lines()) console.log(l);
};

async function keys(host: CliHost, command: string | undefined, argv: string[]): Promise<number> {
  switch (command) {
    case 'generate':
    case 'show': {
      const { options } = parseArgs(argv, { values: ['path'], flags: ['json'] });
      const file = host.requirePath(options);
      const r = await unlocked(host, file, async (invoke) => {
        if (command === 'generate') await invoke('keys.generate', {});
        return invoke('keys.status', {});
      });
      print(Boolean(options.json), r, () => [
        r.own ? `本工作区公钥指纹 / Own key fingerprint: ${r.own.fingerprint}` : '本工作区尚无签名密钥 / No signing key yet',
        ...(r.own ? [`签名者标识 / Signer ID: ${r.own.userId}`, `生成时间 / Created: ${r.own.createdAt}`] : []),
        ...r.counterparts.map((c) => `${c.role === 'bureau' ? '区数据局公钥 / Bureau key' : `单位公钥 / Unit key (${c.uscc})`}: ${c.fingerprint}${c.label ? `  ${c.label}` : ''}${c.revokedAt ? '  [已撤销 / revoked]' : ''}`),
      ]);
      return 0;
    }
    case 'export-public': {
      const { options } = parseArgs(argv, { values: ['path', 'out'], flags: ['force', 'json'] });
      const file = host.requirePath(options);
      const outPath = path.resolve(need(options, 'out'));
      const r = await unlocked(host, file, (invoke) => invoke('keys.exportPublic', { outPath, overwrite: Boolean(options.force) }));
      print(Boolean(options.json), r, () => [`已导出公钥 / Public key written: ${outPath}`, `指纹 / Fingerprint: ${r.fingerprint}`, '请将指纹通过电话等其他渠道告知对方核对 / Read the fingerprint to the other side over another channel (phone)']);
      return 0;
    }
    case 'backup': {
      const { options } = parseArgs(argv, { values: ['path', 'out', 'label'], flags: ['force', 'json'] });
      const file = host.requirePath(options);
      const outPath = path.resolve(need(options, 'out'));
      const passphrase = await readPassphrase({ confirm: false });
      const backupPassphrase = await readPassphrase({ confirm: true, env: 'DATASTEWARD_BACKUP_PASSPHRASE', label: '备份口令 / Backup passphrase' });
      const r = await host.withBackend(async (invoke) => {
        await invoke('workspace.unlock', { path: file, passphrase });
        return invoke('keys.backup', { outPath, passphrase: backupPassphrase, overwrite: Boolean(options.force), ...(str(options.label) ? { label: str(options.label)! } : {}) });
      });
      print(Boolean(options.json), r, () => [`已写入加密的密钥备份 / Encrypted key backup written: ${r.path}`, `指纹 / Fingerprint: ${r.fingerprint}`]);
      return 0;
    }
    case 'import': {
      const { options } = parseArgs(argv, { values: ['path', 'pem', 'fingerprint', 'uscc', 'label'], flags: ['json'] });
      const file = host.requirePath(options);
      const pem = readText(path.resolve(need(options, 'pem')), 'PEM');
      const fingerprint = need(options, 'fingerprint');
      const r = await unlocked(host, file, (invoke) =>
        invoke('keys.importCounterpart', { pem, fingerprint, ...(str(options.uscc) ? { uscc: str(options.uscc)! } : {}), ...(str(options.label) ? { label: str(options.label)! } : {}) }),
      );
      print(Boolean(options.json), r, () => [`已导入公钥 / Key imported: ${r.fingerprint}${r.uscc ? ` (${r.uscc})` : ''}`]);
      return 0;
    }
    default:
      throw new UsageError(`unknown command / 未知命令: keys ${command ?? ''}`);
  }
}

async function build(host: CliHost, argv: string[]): Promise<number> {
  const { options, positional } = parseArgs(argv, { values: ['path', 'kind', 'out', 'seal-to'], flags: ['no-seal', 'force', 'json', 'rotate-key'] });
  if (positional.length > 0) throw new UsageError(`unexpected argument / 多余的参数: ${positional[0]}`);
  const file = host.requirePath(options);
  const kind = need(options, 'kind');
  if (!(FILING_KIND_CODES as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${FILING_KIND_CODES.join('|')} / --kind 应为 ${FILING_KIND_CODES.join('|')}`);
  const outPath = path.resolve(need(options, 'out'));
  if (options['seal-to'] !== undefined && options['no-seal']) throw new UsageError('--seal-to and --no-seal exclude each other / --seal-to 与 --no-seal 不能同时使用');
  const sealTo = str(options['seal-to']) ? readText(path.resolve(str(options['seal-to'])!), 'PEM') : undefined;
  const r = await unlocked(host, file, (invoke) =>
    invoke('package.build', { kind: kind as FilingKindCode, outPath, overwrite: Boolean(options.force), ...(sealTo ? { sealTo } : {}), ...(options['no-seal'] ? { seal: false } : {}), ...(options['rotate-key'] ? { rotateKey: true } : {}) }),
  );
  print(Boolean(options.json), r, () => [
    `已生成备案包 / Package written: ${r.path}`,
    `报送类型 / Kind: ${FILING_KIND_LABELS[r.kind].zh} (${r.kind})   序号 / Sequence: ${r.sequence}`,
    `备案包摘要 / Package digest (SM3): ${r.digest}`,
    `文件 SM3 / File SM3: ${r.fileSm3}  (${r.fileBytes} bytes)`,
    `签名公钥指纹 / Signer: ${r.signerFingerprint}`,
    r.sealedTo ? `已加密发给 / Sealed for: ${r.sealedTo}` : '未加密 / Not sealed',
    `信息系统 ${r.counts.systems} / 数据资源 ${r.counts.resources} / 数据项 ${r.counts.items} / 重要数据目录 ${r.counts.catalogEntries}`,
  ]);
  return 0;
}

async function history(host: CliHost, argv: string[]): Promise<number> {
  const { options } = parseArgs(argv, { values: ['path'], flags: ['json'] });
  const file = host.requirePath(options);
  const rows = await unlocked(host, file, (invoke) => invoke('package.history', {}));
  print(Boolean(options.json), rows, () =>
    rows.length === 0
      ? ['尚无备案记录 / No filings yet']
      : rows.map(
          (r) =>
            `#${r.sequence}  ${r.createdAt}  ${FILING_KIND_LABELS[r.kind].zh}  ${r.digest}  ${r.fileName}  (${r.counts.items} items)${r.status === 'withdrawn' ? '  未报送 / not sent' : ''}${r.keyRotation ? `  新密钥 / new key ${r.keyRotation.newFingerprint}` : ''}`,
        ),
  );
  return 0;
}

async function withdraw(host: CliHost, argv: string[]): Promise<number> {
  const { options, positional } = parseArgs(argv, { values: ['path', 'sequence', 'reason'], flags: ['json'] });
  if (positional.length > 0) throw new UsageError(`unexpected argument / 多余的参数: ${positional[0]}`);
  const file = host.requirePath(options);
  const seqText = need(options, 'sequence');
  if (!/^[1-9][0-9]{0,8}$/.test(seqText)) throw new UsageError('--sequence must be a positive integer / --sequence 应为正整数');
  const reason = str(options.reason);
  const r = await unlocked(host, file, (invoke) => invoke('package.withdraw', { sequence: Number(seqText), ...(reason ? { reason } : {}) }));
  print(Boolean(options.json), r, () => [
    `第 ${r.sequence} 号备案包已标记为未报送 / Package ${r.sequence} marked as not sent`,
    `下一个备案包将使用序号 ${r.sequence} / The next package takes sequence ${r.sequence}`,
    ...(r.keyRotation ? [`已恢复旧签名密钥 / The previous signing key is current again: ${r.keyRotation.oldFingerprint}`] : []),
  ]);
  return 0;
}

function reportLines(r: VerifyReport): string[] {
  const lines = [
    r.ok ? '备案包有效 / Package is VALID' : '备案包无效 / Package is INVALID',
    ...(r.signer ? [`签名者 / Signer: ${r.signer.unit} (${r.signer.uscc})  ${r.signer.fingerprint}`] : []),
    ...(r.kind ? [`报送类型 / Kind: ${FILING_KIND_LABELS[r.kind].zh} (${r.kind})   序号 / Sequence: ${r.sequence}`] : []),
    ...(r.digest ? [`备案包摘要 / Package digest (SM3): ${r.digest}`] : []),
    ...(r.sealedFor ? [`加密接收方 / Sealed for: ${r.sealedFor}`] : []),
    ...(r.keyRotation ? [`宣告新签名密钥 / Announces a new signing key: ${r.keyRotation.newFingerprint}（核对后方可信任 / trust it only after confirming it with the unit）`] : []),
  ];
  for (const e of r.errors) lines.push(`  [${e.code}]${e.entry ? ` ${e.entry}:` : ''} ${e.message} / ${e.message_en}`);
  return lines;
}

/** The --json shape of the issue: { ok, signer, kind, sequence, errors: [{ code, message, entry? }] } plus more fields. */
function reportJson(r: VerifyReport) {
  return {
    ok: r.ok,
    signer: r.signer,
    kind: r.kind,
    sequence: r.sequence,
    digest: r.digest,
    previousDigest: r.previousDigest,
    createdAt: r.createdAt,
    counts: r.counts,
    fileSm3: r.fileSm3,
    sealedFor: r.sealedFor,
    trust: r.trust,
    ...(r.keyRotation ? { keyRotation: r.keyRotation } : {}),
    errors: r.errors.map((e) => ({ code: e.code, message: e.message, message_en: e.message_en, ...(e.entry !== undefined ? { entry: e.entry } : {}) })),
  };
}

async function verify(host: CliHost, argv: string[]): Promise<number> {
  const { options, positional } = parseArgs(argv, { values: ['pubkey', 'path'], flags: ['json'] });
  if (positional.length !== 1) throw new UsageError('give exactly one package file / 请给出一个备案包文件');
  if (options.pubkey !== undefined && options.path !== undefined) throw new UsageError('--pubkey and --path exclude each other / --pubkey 与 --path 不能同时使用');
  const pkg = path.resolve(positional[0]!);
  if (!fs.existsSync(pkg) || !fs.statSync(pkg).isFile()) throw new UsageError(`no such file / 文件不存在: ${pkg}`);
  const pubkeyPem = str(options.pubkey) ? readText(path.resolve(str(options.pubkey)!), 'PEM') : undefined;
  const json = Boolean(options.json);
  let report: VerifyReport;
  try {
    report = options.path !== undefined
      ? await unlocked(host, host.requirePath(options), (invoke) => invoke('package.verify', { path: pkg }))
      : await host.withBackend((invoke) => invoke('package.verify', { path: pkg, ...(pubkeyPem ? { pubkeyPem } : {}) }));
  } catch (e) {
    if (json && host.isDomainFailure(e)) {
      console.log(JSON.stringify({ ok: false, signer: null, kind: null, sequence: null, errors: [{ code: e.info.code, message: e.info.message_zh, message_en: e.info.message_en }] }, null, 2));
      return 1;
    }
    throw e;
  }
  print(json, reportJson(report), () => reportLines(report));
  return report.ok ? 0 : 1;
}

async function accept(host: CliHost, argv: string[]): Promise<number> {
  const { options, positional } = parseArgs(argv, { values: ['path'], flags: ['json'] });
  if (positional.length !== 1) throw new UsageError('give exactly one package file / 请给出一个备案包文件');
  const file = host.requirePath(options);
  const pkg = path.resolve(positional[0]!);
  try {
    const r = await unlocked(host, file, (invoke) => invoke('package.accept', { path: pkg }));
    print(Boolean(options.json), { ...reportJson(r.report), accepted: r.accepted }, () => [...reportLines(r.report), `已接收并登记 / Accepted and recorded: ${r.accepted?.uscc} #${r.accepted?.sequence}`]);
    return 0;
  } catch (e) {
    const report = host.isDomainFailure(e) && e.info.code === 'PACKAGE_REFUSED' ? (e.info.details as { report?: VerifyReport } | undefined)?.report : undefined;
    if (!report) throw e;
    print(Boolean(options.json), { ...reportJson(report), accepted: null }, () => [...reportLines(report), '未接收 / Not accepted']);
    return 1;
  }
}

/** Runs a keys/package/verify command, or returns undefined when argv is none of them. */
export async function runPackageCommand(argv: string[], host: CliHost): Promise<number | undefined> {
  const [group, command, ...rest] = argv;
  if (group === 'keys') return keys(host, command, rest);
  if (group === 'verify') return verify(host, argv.slice(1));
  if (group === 'package') {
    if (command === 'history') return history(host, rest);
    if (command === 'accept') return accept(host, rest);
    if (command === 'withdraw') return withdraw(host, rest);
    return build(host, argv.slice(1));
  }
  return undefined;
}
