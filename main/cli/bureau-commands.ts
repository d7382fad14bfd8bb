/**
 * CLI commands of the bureau (区数据局) workspace: trust registry, intake, review decisions and
 * receipts; and, for a unit workspace, importing a receipt.
 * `intake` exits 0 when every package was accepted, 1 otherwise (2 on bad usage).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../api/contract';
import { FILING_DECISIONS, FILING_STATUS_LABELS, type FilingDecision } from '../domain/bureau';
import { parseArgs, UsageError } from './args';
import { readPassphrase } from './passphrase';
import type { CliHost } from './package-commands';

export const BUREAU_HELP = `  datasteward trust add --path FILE --pubkey PEM --fingerprint "XXXX XXXX …" --uscc CODE [--name NAME] [--label TEXT] [--json]
      登记填报单位公钥：--fingerprint 为与单位核对过的指纹，不一致则拒绝且不登记任何内容；
      单位尚未登记时需 --name。
      Registers a unit's public key; refused (nothing stored) unless --fingerprint is that key's.
      A unit not registered yet needs --name.
  datasteward trust list --path FILE [--json]
  datasteward trust retire --path FILE --fingerprint FP
  datasteward trust register --path FILE --package FILE.dsp --fingerprint FP
      从备案包登记首次出现的单位（指纹须与备案包签名公钥一致）。
      Registers the unit a package comes from, after its key's fingerprint was confirmed.
  datasteward trust rotate --path FILE --filing ID --fingerprint FP
      应用备案包中宣告的密钥轮换（新公钥指纹须已与单位核对）。
      Applies the key rotation announced in filing ID (the new key's fingerprint confirmed).
  datasteward intake --path FILE PACKAGE.dsp|FOLDER... [--json]
      接收备案包（加密包用本局密钥解开）、验证并存为该单位的新一期备案；被拒的包不写入任何内容。
      全部接收时退出码 0，否则 1。--json 输出 { total, accepted, refused, results: [ { fileName,
      outcome, filingId, uscc, sequence, codes, errors } ] }。
      Takes packages in; exit 0 when all were accepted, 1 otherwise.
  datasteward review show --path FILE --filing ID [--json]
  datasteward review entries --path FILE --filing ID --accept|--return DATAID... [--comment TEXT]
  datasteward review decide --path FILE --filing ID --decision accepted|returned|accepted_with_remarks [--comment TEXT] [--json]
  datasteward receipt --path FILE --filing ID --out FILE.dsr [--force] [--json]
      出具经区数据局密钥签名的回执。Writes the receipt signed with the bureau key.
  datasteward receipt import --path UNIT_FILE RECEIPT.dsr [--json]
      填报单位导入回执（以已确认的区数据局公钥验证）。A unit imports a receipt.
`;

type Invoke = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

const need = (opts: Record<string, string | true>, name: string): string => {
  const v = opts[name];
  if (typeof v !== 'string') throw new UsageError(`--${name} is required / 需要 --${name}`);
  return v;
};
const str = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const intOf = (v: string, name: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer / --${name} 应为正整数`);
  return n;
};
const print = (json: boolean, value: unknown, lines: () => string[]) => {
  if (json) console.log(JSON.stringify(value, null, 2));
  else for (const l of lines()) console.log(l);
};

async function unlocked<T>(host: CliHost, file: string, fn: (invoke: Invoke) => Promise<T>): Promise<T> {
  const passphrase = await readPassphrase({ confirm: false });
  return host.withBackend(async (invoke) => {
    await invoke('workspace.unlock', { path: file, passphrase });
    return fn(invoke);
  });
}

async function trust(host: CliHost, command: string | undefined, argv: string[]): Promise<number> {
  const { options } = parseArgs(argv, { values: ['path', 'pubkey', 'fingerprint', 'uscc', 'name', 'label', 'package', 'filing'], flags: ['json'] });
  const file = host.requirePath(options);
  const json = options.json === true;
  if (command === 'add') {
    const pemFile = need(options, 'pubkey');
    const fingerprint = need(options, 'fingerprint');
    const uscc = need(options, 'uscc');
    let pem: string;
    try {
      pem = fs.readFileSync(pemFile, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${pemFile} (${(e as NodeJS.ErrnoException).code ?? 'error'}) / 无法读取公钥文件 ${pemFile}`);
    }
    const unit = await unlocked(host, file, (invoke) => invoke('bureau.keyAdd', { uscc, pem, fingerprint, ...(str(options.name) ? { name: str(options.name)! } : {}), ...(str(options.label) ? { label: str(options.label)! } : {}) }));
    print(json, unit, () => [`已登记 / Registered: ${unit.name} (${unit.uscc})`, ...unit.keys.map((k) => `  ${k.fingerprint}${k.retiredAt ? ` 已停用 retired ${k.retiredAt}` : ''}`)]);
    return 0;
  }
  if (command === 'list') {
    const units = await unlocked(host, file, (invoke) => invoke('bureau.units', {}));
    print(json, units, () => units.flatMap((u) => [`${u.uscc}  ${u.name}  备案 filings: ${u.filings}`, ...u.keys.map((k) => `  ${k.fingerprint}${k.retiredAt ? ` 已停用 retired` : ''}`)]));
    return 0;
  }
  if (command === 'retire') {
    const unit = await unlocked(host, file, (invoke) => invoke('bureau.keyRetire', { fingerprint: need(options, 'fingerprint') }));
    print(json, unit, () => [`已停用 / Retired: ${need(options, 'fingerprint')} (${unit.name})`]);
    return 0;
  }
  if (command === 'register') {
    const unit = await unlocked(host, file, (invoke) => invoke('bureau.registerFromPackage', { path: path.resolve(need(options, 'package')), fingerprint: need(options, 'fingerprint') }));
    print(json, unit, () => [`已登记 / Registered: ${unit.name} (${unit.uscc})`]);
    return 0;
  }
  if (command === 'rotate') {
    const unit = await unlocked(host, file, (invoke) => invoke('bureau.rotationApply', { filingId: intOf(need(options, 'filing'), 'filing'), fingerprint: need(options, 'fingerprint') }));
    print(json, unit, () => [`已应用密钥轮换 / Rotation applied: ${unit.name}`, ...unit.keys.map((k) => `  ${k.fingerprint}${k.retiredAt ? ' 已停用 retired' : ''}`)]);
    return 0;
  }
  throw new UsageError(`unknown command / 未知命令: trust ${command ?? ''}`);
}

async function intake(host: CliHost, argv: string[]): Promise<number> {
  const { positional, options } = parseArgs(argv, { values: ['path'], flags: ['json'] });
  const file = host.requirePath(options);
  if (positional.length === 0) throw new UsageError('give one or more package files or folders / 请给出备案包文件或文件夹');
  const summary = await unlocked(host, file, (invoke) => invoke('bureau.intake', { paths: positional.map((p) => path.resolve(p)) }));
  print(options.json === true, summary, () => [
    ...summary.results.flatMap((r) =>
      r.outcome === 'accepted'
        ? [`接收 accepted  ${r.fileName}  ${r.unitName} (${r.uscc}) 第 ${r.sequence} 号 / #${r.sequence}  备案编号 filing ${r.filingId}`]
        : [`拒收 refused   ${r.fileName}  ${r.codes.join(', ')}`, ...r.errors.map((e) => `    [${e.code}] ${e.message}`)],
    ),
    `共 ${summary.total} 个：接收 ${summary.accepted}，拒收 ${summary.refused} / ${summary.total} packages: ${summary.accepted} accepted, ${summary.refused} refused`,
  ]);
  return summary.refused === 0 ? 0 : 1;
}

async function review(host: CliHost, command: string | undefined, argv: string[]): Promise<number> {
  const { positional, options } = parseArgs(argv, { values: ['path', 'filing', 'decision', 'comment'], flags: ['json', 'accept', 'return'] });
  const file = host.requirePath(options);
  const filingId = intOf(need(options, 'filing'), 'filing');
  const json = options.json === true;
  if (command === 'show') {
    const r = await unlocked(host, file, (invoke) => invoke('bureau.review', { filingId }));
    print(json, r, () => [
      `${r.filing.unitName} (${r.filing.uscc}) 第 ${r.filing.sequence} 号 / #${r.filing.sequence}  ${FILING_STATUS_LABELS[r.filing.status].zh}`,
      `新增 added: ${r.diff.added.resources} 资源 resources, ${r.diff.added.items} 数据项 items, ${r.diff.added.catalog} 目录 catalog`,
      `删除 removed: ${r.diff.removed.resources}, ${r.diff.removed.items}, ${r.diff.removed.catalog}`,
      `修改 changed: ${r.diff.changed.resources}, ${r.diff.changed.items}, ${r.diff.changed.catalog}`,
      `升级 raised: ${r.diff.raised}  降级 lowered: ${r.diff.lowered}`,
      ...r.flags.map((f) => `  ${f.code} × ${f.count}`),
      `质量 quality: 错误 errors ${r.quality.errors}, 警告 warnings ${r.quality.warnings}`,
    ]);
    return 0;
  }
  if (command === 'entries') {
    if ((options.accept === true) === (options.return === true)) throw new UsageError('give --accept or --return / 需要 --accept 或 --return');
    if (positional.length === 0) throw new UsageError('give the 数据编号 of the entries / 请给出数据编号');
    const r = await unlocked(host, file, (invoke) =>
      invoke('bureau.decideEntries', { filingId, dataIds: positional, decision: options.accept === true ? 'accept' : 'return', comment: str(options.comment) ?? '' }),
    );
    print(json, r, () => [`已记录 ${r.decided} 条 / ${r.decided} decided (通过 accepted ${r.accepted}, 退回 returned ${r.returned})`]);
    return 0;
  }
  if (command === 'decide') {
    const decision = need(options, 'decision');
    if (!(FILING_DECISIONS as readonly string[]).includes(decision)) throw new UsageError(`--decision is one of ${FILING_DECISIONS.join(', ')}`);
    const f = await unlocked(host, file, (invoke) => invoke('bureau.decideFiling', { filingId, decision: decision as FilingDecision, comment: str(options.comment) ?? '' }));
    print(json, f, () => [`备案 ${f.id}：${FILING_STATUS_LABELS[f.status].zh} / ${FILING_STATUS_LABELS[f.status].en}`]);
    return 0;
  }
  throw new UsageError(`unknown command / 未知命令: review ${command ?? ''}`);
}

async function receipt(host: CliHost, argv: string[]): Promise<number> {
  if (argv[0] === 'import') {
    const { positional, options } = parseArgs(argv.slice(1), { values: ['path'], flags: ['json'] });
    const file = host.requirePath(options);
    if (positional.length !== 1) throw new UsageError('give one receipt file / 请给出一个回执文件');
    const r = await unlocked(host, file, (invoke) => invoke('receipt.import', { path: path.resolve(positional[0]!) }));
    print(options.json === true, r, () => [`已导入回执 / Receipt imported: 第 ${r.filingSequence} 号 ${FILING_STATUS_LABELS[r.decision].zh}，退回 ${r.returned} 条 / ${r.returned} returned`]);
    return 0;
  }
  const { options } = parseArgs(argv, { values: ['path', 'filing', 'out'], flags: ['json', 'force'] });
  const file = host.requirePath(options);
  const filingId = intOf(need(options, 'filing'), 'filing');
  const out = path.resolve(need(options, 'out'));
  const r = await unlocked(host, file, (invoke) => invoke('bureau.receipt', { filingId, outPath: out, overwrite: options.force === true }));
  print(options.json === true, r, () => [`已出具回执 / Receipt written: ${r.path} (${FILING_STATUS_LABELS[r.decision].zh}, ${r.entries} 条意见 / entries)`]);
  return 0;
}

export async function runBureauCommand(argv: string[], host: CliHost): Promise<number | undefined> {
  const [group, command, ...rest] = argv;
  if (group === 'trust') return trust(host, command, rest);
  if (group === 'intake') return intake(host, argv.slice(1));
  if (group === 'review') return review(host, command, rest);
  if (group === 'receipt') return receipt(host, argv.slice(1));
  return undefined;
}
