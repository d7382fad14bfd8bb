/**
 * The annual data security risk assessment report (年度数据安全风险评估报告) as a document model:
 * headings, paragraphs, tables and the heat map, built from the registers. Pure; the .docx and
 * HTML/PDF writers (services/risk/) render the same model, so both formats say the same thing.
 * The seven parts of 条例 art. 33 are its parts 二 to 八; the important data is described by its
 * catalog facts only (purpose, types, volume, method, scope, retention, storage), never its content.
 */
import type { CatalogFields } from './inventory';
import type { UnitProfile } from './profile';
import {
  CHECK_AREAS, NARRATIVE_KEYS, NARRATIVE_TITLES, isOverdue, summarizeChecklist, type ChecklistItem, type HeatMap, type Narrative, type NarrativeKey,
  type PhaseState, type RegisterFields, type RegisterRecord, type RiskMatrix, type RiskRecord, type ScopeResource, type TeamMember,
} from './risk';

export type ReportBlock =
  | { type: 'heading'; level: 1 | 2; text: string }
  | { type: 'paragraph'; text: string; style?: 'note' | 'lead' }
  | { type: 'table'; headers: string[]; rows: string[][]; widths?: number[]; caption?: string }
  | { type: 'heatmap'; heat: HeatMap; caption: string };

export interface ReportDoc {
  title: string;
  subtitle: string;
  unitName: string;
  year: number;
  draft: boolean;
  /** Watermark text, repeated on each page. */
  watermark: string;
  generatedOn: string;
  blocks: ReportBlock[];
}

/** The part headings of 条例 art. 33 (1)–(7), as they appear in the report (tests look for them). */
export const ART33_HEADINGS = [
  '二、数据处理者及数据安全负责人情况',
  '三、重要数据的基本情况',
  '四、数据安全管理制度及安全措施',
  '五、数据安全风险及安全事件处置',
  '六、提供、委托处理、共同处理重要数据情况',
  '七、数据出境情况',
  '八、其他需要报告的情况',
] as const;

/** A resource in the scope of the assessment, with the facts the report describes it by. */
export interface ScopeFacts extends Pick<ScopeResource, 'resourceId' | 'dataId' | 'name' | 'systemName' | 'level'> {
  /** The catalog row (sheet 3), when the resource has one. */
  catalog: Partial<CatalogFields> | null;
  recordCount: number | null;
  storageLocation: string;
}

export interface ReportInput {
  year: number;
  draft: boolean;
  title: string;
  profile: UnitProfile;
  team: TeamMember[];
  phases: PhaseState[];
  matrix: RiskMatrix;
  narrative: Narrative;
  scope: ScopeFacts[];
  registers: RegisterRecord[];
  checklist: ChecklistItem[];
  risks: RiskRecord[];
  heat: HeatMap;
  today: string;
  watermark?: string;
}

const dash = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
const ofKind = <K extends RegisterRecord['kind']>(rs: RegisterRecord[], k: K) => rs.filter((r) => r.kind === k) as RegisterRecord<K>[];

function resourceNames(ids: number[], byId: Map<number, ScopeFacts>): string {
  if (ids.length === 0) return '—';
  return ids.map((id) => byId.get(id)?.name ?? `#${id}`).join('、');
}

/** What the report says for a narrative section the team left empty. */
export function generatedNarrative(key: NarrativeKey, input: ReportInput): string {
  const { scope, registers, checklist, risks, profile, year } = input;
  const s = summarizeChecklist(checklist);
  const open = risks.filter((r) => r.status === '待整改' || r.status === '整改中');
  const overdue = risks.filter((r) => isOverdue(r, input.today));
  const important = scope.filter((r) => (r.catalog?.level ?? r.level) === '重要数据').length;
  const core = scope.filter((r) => (r.catalog?.level ?? r.level) === '核心数据').length;
  const unit = profile.unitName || '本单位';
  const incidents = ofKind(registers, 'incident');
  const provisions = ofKind(registers, 'provision');
  const crossBorder = ofKind(registers, 'crossBorder');
  const measures = ofKind(registers, 'measure');
  switch (key) {
    case 'overview':
      return `依据《中华人民共和国数据安全法》第三十条和《网络数据安全管理条例》第三十三条，${unit}对${year}年度处理重要数据的情况开展数据安全风险评估。评估范围为${scope.length}项数据资源（其中重要数据${important}项、核心数据${core}项），评估覆盖数据安全管理、数据处理活动、数据安全技术和个人信息保护四个方面。`;
    case 'method':
      return `评估参照 GB/T 45577-2025《数据安全技术 数据安全风险评估方法》，按评估准备、信息调研、风险识别、风险分析与评价、评估总结五个阶段实施，采用人员访谈、文档审查和技术检测相结合的方式。风险等级按“${input.matrix.name}”由可能性与影响程度确定，分为${input.matrix.levels.map((l) => l.name).join('、')}${input.matrix.levels.length}级。`;
    case 'processor':
      return `${unit}已明确网络数据安全负责人${profile.officerName ? `（${profile.officerName}${profile.officerTitle ? `，${profile.officerTitle}` : ''}）` : ''}${profile.managementBody ? `和网络数据安全管理机构（${profile.managementBody}）` : ''}，负责数据安全管理工作。`;
    case 'data':
      return `评估范围内的数据资源共${scope.length}项，登记数据处理活动${ofKind(registers, 'activity').length}项。本报告只描述数据的目的、种类、数量、处理方式、使用范围、存储期限和存储地点，不含数据本身。`;
    case 'measures':
      return `登记安全措施${measures.length}项，其中评价为有效的${measures.filter((m) => m.fields.effectiveness === '有效').length}项、部分有效的${measures.filter((m) => m.fields.effectiveness === '部分有效').length}项、无效的${measures.filter((m) => m.fields.effectiveness === '无效').length}项。检查项共${s.total}项，已评估${s.assessed}项：符合${s.byConclusion['符合']}项、部分符合${s.byConclusion['部分符合']}项、不符合${s.byConclusion['不符合']}项、不适用${s.byConclusion['不适用']}项。`;
    case 'risks':
      return `本年度识别数据安全风险${risks.length}项，按等级：${input.heat.levels.map((l) => `${l.name}${l.count}项`).join('、')}；尚未完成整改${open.length}项，其中逾期${overdue.length}项。本年度登记数据安全事件${incidents.length}起，已处置${incidents.filter((i) => i.fields.status === '已处置').length}起。`;
    case 'provision':
      return provisions.length === 0
        ? '本年度未向其他数据处理者提供、委托处理或共同处理重要数据。'
        : `本年度提供、委托处理、共同处理重要数据共${provisions.length}项，其中事先开展风险评估的${provisions.filter((p) => p.fields.assessed === '是').length}项。`;
    case 'crossBorder':
      return crossBorder.length === 0 ? '本年度无重要数据出境情况。' : `本年度涉及数据出境${crossBorder.length}项，办理情况见下表。`;
    case 'other':
      return '无其他需要报告的情况。';
    case 'conclusion': {
      const high = risks.filter((r) => r.levelIndex >= input.matrix.levels.length - 2).length;
      return `经评估，${unit}${year}年度数据安全管理总体${s.byConclusion['不符合'] > 0 || high > 0 ? '存在需要整改的问题' : '符合要求'}：检查项不符合${s.byConclusion['不符合']}项、部分符合${s.byConclusion['部分符合']}项；识别风险${risks.length}项，其中${input.matrix.levels.slice(-2).map((l) => l.name).join('、')}等级风险${high}项。对发现的风险已制定整改计划（见第十部分），明确责任人和完成时限。`;
    }
  }
}

function narrativeOf(key: NarrativeKey, input: ReportInput): ReportBlock[] {
  const text = input.narrative[key]?.trim() || generatedNarrative(key, input);
  return text
    .split(/\n{1,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ type: 'paragraph', text: p }) as ReportBlock);
}

const catalogOf = (r: ScopeFacts) => r.catalog ?? {};

export function buildReport(input: ReportInput): ReportDoc {
  const { profile, scope, registers, checklist, risks, year } = input;
  const byId = new Map(scope.map((r) => [r.resourceId, r]));
  const sources = new Map(ofKind(registers, 'source').map((s) => [s.id, s.fields.name]));
  const b: ReportBlock[] = [];
  const h1 = (text: string) => b.push({ type: 'heading', level: 1, text });
  const h2 = (text: string) => b.push({ type: 'heading', level: 2, text });
  const p = (text: string, style?: 'note' | 'lead') => b.push(style ? { type: 'paragraph', text, style } : { type: 'paragraph', text });
  const table = (headers: string[], rows: string[][], caption?: string, widths?: number[]) =>
    b.push({ type: 'table', headers, rows, ...(caption ? { caption } : {}), ...(widths ? { widths } : {}) });
  const empty = (what: string) => p(`（无${what}）`, 'note');

  if (input.draft)
    p(`草稿：${year}年度尚未建立评估项目，本报告按重要数据和核心数据自动生成，仅供参考，不得作为正式报告报送。`, 'lead');

  // 一 overview, scope, team, method
  h1('一、评估概述');
  h2('（一）评估目的和依据');
  b.push(...narrativeOf('overview', input));
  h2('（二）评估范围');
  p(`评估范围包括以下${scope.length}项数据资源。`);
  table(
    ['序号', '数据编号', '数据名称', '所属信息系统', '级别'],
    scope.map((r, i) => [String(i + 1), r.dataId, catalogOf(r).name || r.name, r.systemName, catalogOf(r).level || r.level || '—']),
    '表1 评估范围',
    [8, 18, 32, 26, 16],
  );
  h2('（三）评估团队');
  if (input.team.length > 0) table(['序号', '姓名', '角色', '单位/部门'], input.team.map((m, i) => [String(i + 1), m.name, dash(m.role), dash(m.organisation)]), '表2 评估团队', [10, 25, 30, 35]);
  else empty('评估团队成员登记');
  h2('（四）评估方法和过程');
  b.push(...narrativeOf('method', input));
  table(['阶段', '状态', '说明'], input.phases.map((ph) => [ph.phase, ph.status, dash(ph.note)]), '表3 评估阶段', [30, 20, 50]);

  // 二 art. 33 (1)
  h1(ART33_HEADINGS[0]);
  b.push(...narrativeOf('processor', input));
  table(
    ['项目', '内容'],
    [
      ['单位名称', dash(profile.unitName)],
      ['统一社会信用代码', dash(profile.uscc)],
      ['单位类型', dash(profile.unitType)],
      ['主管部门', dash(profile.competentDepartment)],
      ['单位地址', dash(profile.address)],
      ['网络数据安全管理机构', dash(profile.managementBody)],
      ['网络数据安全负责人', dash(profile.officerName)],
      ['职务', dash(profile.officerTitle)],
      ['联系电话', dash(profile.officerPhone)],
      ['电子邮箱', dash(profile.officerEmail)],
    ],
    '表4 数据处理者基本情况',
    [35, 65],
  );

  // 三 art. 33 (2)
  h1(ART33_HEADINGS[1]);
  b.push(...narrativeOf('data', input));
  table(
    ['数据名称', '类别', '级别', '数量', '处理目的', '处理方式', '使用范围', '存储期限', '存储地点'],
    scope.map((r) => {
      const c = catalogOf(r);
      const volume = [c.recordCount ?? r.recordCount, c.volumeGb].some((x) => x !== null && x !== undefined)
        ? [c.recordCount ?? r.recordCount ? `${c.recordCount ?? r.recordCount}条` : '', c.volumeGb ? `${c.volumeGb}GB` : ''].filter(Boolean).join('/')
        : '—';
      return [c.name || r.name, dash(c.category), dash(c.level || r.level), volume, dash(c.purpose), dash(c.processingMethods), dash(c.usageScope), dash(c.retention), dash(c.carrierSystem || r.storageLocation)];
    }),
    '表5 重要数据的目的、种类、数量、处理方式、范围、存储期限和存储地点',
    [14, 12, 8, 10, 14, 12, 12, 9, 9],
  );
  const activities = ofKind(registers, 'activity');
  h2('数据处理活动');
  if (activities.length > 0)
    table(
      ['处理活动', '涉及数据', '目的', '范围', '信息系统', '参与方'],
      activities.map((a) => [a.fields.activity, resourceNames(a.fields.resourceIds, byId), dash(a.fields.purpose), dash(a.fields.scope), dash(a.fields.systems), dash(a.fields.parties)]),
      '表6 数据处理活动',
      [10, 22, 20, 18, 15, 15],
    );
  else empty('数据处理活动登记');

  // 四 art. 33 (3)
  h1(ART33_HEADINGS[2]);
  b.push(...narrativeOf('measures', input));
  const measures = ofKind(registers, 'measure');
  h2('（一）安全措施及其有效性');
  if (measures.length > 0)
    table(
      ['措施', '涉及数据', '说明', '有效性'],
      measures.map((m) => [m.fields.measure, resourceNames(m.fields.resourceIds, byId), dash(m.fields.description), m.fields.effectiveness]),
      '表7 数据安全措施',
      [16, 30, 40, 14],
    );
  else empty('安全措施登记');
  h2('（二）检查项评估结果');
  const s = summarizeChecklist(checklist);
  table(
    ['评估方面', '检查项', '已评估', '不符合或部分符合'],
    s.byArea.map((a) => [a.area, String(a.total), String(a.assessed), String(a.nonCompliant)]),
    '表8 检查项汇总',
    [40, 20, 20, 20],
  );
  for (const area of CHECK_AREAS) {
    const items = checklist.filter((i) => i.area === area);
    if (items.length === 0) continue;
    table(
      ['编号', '检查项', '结论', '证据和说明'],
      items.map((i) => [i.id, i.title, i.conclusion || '未评估', [i.notes, ...i.attachments.map((a) => `附件：${a.filename}`)].filter(Boolean).join('；') || '—']),
      `检查项：${area}`,
      [10, 30, 14, 46],
    );
  }

  // 五 art. 33 (4)
  h1(ART33_HEADINGS[3]);
  b.push(...narrativeOf('risks', input));
  h2('（一）风险源');
  const srcs = ofKind(registers, 'source');
  if (srcs.length > 0) table(['风险源', '类型', '说明'], srcs.map((x) => [x.fields.name, x.fields.kind, dash(x.fields.description)]), '表9 风险源清单', [30, 20, 50]);
  else empty('风险源登记');
  h2('（二）风险分布');
  b.push({ type: 'heatmap', heat: input.heat, caption: '图1 风险热力图（行：可能性，列：影响程度，格内为风险数）' });
  h2('（三）发现的风险');
  const sorted = [...risks].sort((a, c) => c.levelIndex - a.levelIndex || a.id - c.id);
  if (sorted.length > 0)
    table(
      ['编号', '风险', '风险源', '涉及数据', '可能性', '影响', '等级', '状态'],
      sorted.map((r) => [
        `R${r.id}`,
        r.title + (r.description ? `：${r.description}` : ''),
        r.sourceIds.map((id) => sources.get(id) ?? `#${id}`).join('、') || '—',
        resourceNames(r.resourceIds, byId),
        input.matrix.likelihood[r.likelihood - 1]?.label ?? String(r.likelihood),
        input.matrix.impact[r.impact - 1]?.label ?? String(r.impact),
        r.level,
        r.status,
      ]),
      '表10 数据安全风险',
      [7, 30, 14, 17, 8, 8, 8, 8],
    );
  else empty('风险登记');
  h2('（四）数据安全事件及处置');
  const incidents = ofKind(registers, 'incident');
  if (incidents.length > 0)
    table(
      ['事件', '发生日期', '级别', '处置情况', '是否报告', '状态'],
      incidents.map((i) => [i.fields.title + (i.fields.description ? `：${i.fields.description}` : ''), dash(i.fields.occurredAt), i.fields.severity, dash(i.fields.handling), i.fields.reported, i.fields.status]),
      '表11 数据安全事件',
      [30, 12, 10, 28, 10, 10],
    );
  else p('本年度未发生数据安全事件。');

  // 六 art. 33 (5)
  h1(ART33_HEADINGS[4]);
  b.push(...narrativeOf('provision', input));
  const provisions = ofKind(registers, 'provision');
  if (provisions.length > 0)
    table(
      ['方式', '接收方/受托方', '涉及数据', '目的', '合同或协议', '事先风险评估', '评估情况'],
      provisions.map((x) => [x.fields.mode, x.fields.recipient, resourceNames(x.fields.resourceIds, byId), dash(x.fields.purpose), dash(x.fields.agreement), x.fields.assessed, dash(x.fields.assessmentNotes)]),
      '表12 提供、委托处理、共同处理',
      [10, 15, 17, 15, 15, 10, 18],
    );

  // 七 art. 33 (6)
  h1(ART33_HEADINGS[5]);
  b.push(...narrativeOf('crossBorder', input));
  const cb = ofKind(registers, 'crossBorder');
  if (cb.length > 0)
    table(
      ['境外接收方', '国家或地区', '涉及数据', '目的', '数量', '出境途径', '文号'],
      cb.map((x) => [x.fields.recipient, dash(x.fields.country), resourceNames(x.fields.resourceIds, byId), dash(x.fields.purpose), dash(x.fields.volume), x.fields.basis, dash(x.fields.reference)]),
      '表13 数据出境',
      [15, 12, 18, 17, 10, 14, 14],
    );

  // 八 art. 33 (7)
  h1(ART33_HEADINGS[6]);
  b.push(...narrativeOf('other', input));

  // 九 conclusions, 十 remediation
  h1('九、评估结论');
  b.push(...narrativeOf('conclusion', input));
  h1('十、整改计划');
  const plan = sorted.filter((r) => r.status !== '已接受');
  if (plan.length > 0)
    table(
      ['编号', '风险', '等级', '整改措施', '责任人', '完成时限', '状态'],
      plan.map((r) => [`R${r.id}`, r.title, r.level, dash(r.remediation), dash(r.owner), dash(r.deadline) + (isOverdue(r, input.today) ? '（已逾期）' : ''), r.status]),
      '表14 整改计划',
      [7, 25, 8, 30, 10, 12, 8],
    );
  else empty('需要整改的风险');

  const unitName = profile.unitName || '（未填写单位名称）';
  return {
    title: '年度数据安全风险评估报告',
    subtitle: `${year}年度${input.draft ? '（草稿）' : ''}`,
    unitName,
    year,
    draft: input.draft,
    watermark: input.watermark || (input.draft ? `草稿 ${unitName}` : `${unitName} 内部资料`),
    generatedOn: input.today,
    blocks: b,
  };
}

/** The narrative sections with what the report would write for each. */
export function previewNarrative(input: ReportInput): { key: NarrativeKey; title: string; titleEn: string; narrative: string; generated: string }[] {
  return NARRATIVE_KEYS.map((key) => ({ key, title: NARRATIVE_TITLES[key].zh, titleEn: NARRATIVE_TITLES[key].en, narrative: input.narrative[key] ?? '', generated: generatedNarrative(key, input) }));
}

export type { RegisterFields };

/**
 * How the report is printed to PDF, and the port that prints it. Hosts inject an implementation:
 * Chromium over the DevTools pipe (browser host, CLI: services/risk/pdf-chromium.ts), or Electron's
 * webContents.printToPDF (main/electron/pdf.ts). The HTML is self-contained (no network).
 */
export interface PdfOptions {
  /** Footer and header templates (Chromium's: span.pageNumber, span.totalPages, …). */
  headerTemplate: string;
  footerTemplate: string;
  /** A4 portrait, margins in cm. */
  marginTopCm: number;
  marginBottomCm: number;
  marginSideCm: number;
}

export interface HtmlToPdf {
  /** Which engine (for messages and the benchmark). */
  readonly name: string;
  /** Print one HTML document; refuses with PDF_UNAVAILABLE when no engine can be started. */
  print(html: string, opts: PdfOptions): Promise<Uint8Array>;
}
