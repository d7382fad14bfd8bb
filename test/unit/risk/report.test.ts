// @vitest-environment jsdom
/** The report model and its two renderings: the seven parts of art. 33 in order, the draft mark, narrative, escaping, well-formed WordprocessingML. */
import { describe, expect, it } from 'vitest';
import { blankNarrative, defaultPhases, heatMap, parseChecklistPack, parseRiskMatrix, type RegisterRecord, type RiskRecord } from '../../../main/domain/risk';
import { ART33_HEADINGS, buildReport, previewNarrative, type ReportInput } from '../../../main/domain/risk-report';
import { readZipDirectory, readZipEntry } from '../../../main/services/package/zip';
import { reportDocx } from '../../../main/services/risk/report-docx';
import { reportHtml, reportPdfOptions } from '../../../main/services/risk/report-html';
import matrixJson from '../../../resources/risk/matrix.json';
import checklistJson from '../../../resources/risk/checklist.json';
import { VALID_PROFILE } from '../../helpers/fixtures';

const matrix = parseRiskMatrix(matrixJson);
const pack = parseChecklistPack(checklistJson);

function input(over: Partial<ReportInput> = {}): ReportInput {
  const risks: RiskRecord[] = [
    {
      id: 1, projectId: 1, title: '接口 <未鉴权> & "越权"', description: '', weakness: '', sourceIds: [], itemIds: [], resourceIds: [10], activityIds: [], likelihood: 5, impact: 4,
      owner: '赵', remediation: '加鉴权', deadline: '2026-01-01', status: '待整改', levelIndex: 4, level: '很高', levelEn: 'Very high', color: '#e53935', overdue: true, createdAt: '', updatedAt: '',
    },
  ];
  const registers: RegisterRecord[] = [
    { id: 5, projectId: 1, kind: 'incident', fields: { resourceIds: [10], title: '事件\u0001一', occurredAt: '2026-02-02', severity: '一般', description: '', handling: '已处置', reported: '是', status: '已处置' }, createdAt: '', updatedAt: '' },
  ];
  return {
    year: 2026, draft: false, title: 't', profile: VALID_PROFILE, team: [{ name: '王', role: '组长', organisation: '科' }], phases: defaultPhases(), matrix, narrative: blankNarrative(),
    scope: [{ resourceId: 10, dataId: 'D-1', name: '患者主索引', systemName: 'HIS', level: '重要数据', catalog: { name: '患者主索引', level: '重要数据', purpose: '诊疗', retention: '30年' }, recordCount: 5, storageLocation: '机房' }],
    registers, checklist: pack.items.map((i) => ({ ...i, conclusion: '', notes: '', attachments: [], updatedAt: null })), risks, heat: heatMap(matrix, risks, '2026-06-01'), today: '2026-06-01',
    ...over,
  };
}

const headings = (doc: ReturnType<typeof buildReport>) => doc.blocks.flatMap((b) => (b.type === 'heading' && b.level === 1 ? [b.text] : []));

describe('buildReport', () => {
  it('has the seven parts of art. 33 in order between the overview and the conclusions and remediation plan', () => {
    const doc = buildReport(input());
    expect(headings(doc)).toEqual(['一、评估概述', ...ART33_HEADINGS, '九、评估结论', '十、整改计划']);
    expect(doc.blocks.some((b) => b.type === 'heatmap')).toBe(true);
    expect(doc.draft).toBe(false);
    expect(JSON.stringify(doc)).not.toContain('草稿');
  });

  it('a draft says so at the top, on the cover and in the watermark', () => {
    const doc = buildReport(input({ draft: true }));
    expect(doc.subtitle).toBe('2026年度（草稿）');
    expect(doc.watermark).toContain('草稿');
    expect(doc.blocks[0]).toMatchObject({ type: 'paragraph', style: 'lead', text: expect.stringContaining('草稿') });
  });

  it("uses the team's narrative where written and a generated text elsewhere", () => {
    const narrative = { ...blankNarrative(), other: '第一段\n\n第二段' };
    const doc = buildReport(input({ narrative }));
    const texts = doc.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
    expect(texts).toContain('第一段');
    expect(texts).toContain('第二段');
    expect(texts).not.toContain('无其他需要报告的情况。');
    expect(texts.some((t) => t.includes('本年度识别数据安全风险1项') && t.includes('逾期1项'))).toBe(true);
    const preview = previewNarrative(input({ narrative }));
    expect(preview.map((p) => p.key)).toEqual(['overview', 'method', 'processor', 'data', 'measures', 'risks', 'provision', 'crossBorder', 'other', 'conclusion']);
    expect(preview.find((p) => p.key === 'other')).toMatchObject({ narrative: '第一段\n\n第二段', generated: '无其他需要报告的情况。' });
  });

  it('marks overdue remediation in the plan', () => {
    const doc = buildReport(input());
    const plan = doc.blocks.find((b) => b.type === 'table' && b.caption === '表14 整改计划');
    expect(plan && plan.type === 'table' && plan.rows[0]![5]).toBe('2026-01-01（已逾期）');
  });
});

describe('renderings', () => {
  it('HTML: escaped text, a fixed watermark repeated on each page, CJK fonts, page numbers in the footer', () => {
    const doc = buildReport(input());
    const html = reportHtml(doc);
    expect(html).toContain('接口 &lt;未鉴权&gt; &amp; &quot;越权&quot;');
    expect(html).not.toContain('<未鉴权>');
    expect(html).toMatch(/\.watermark \{ position: fixed;/);
    expect(html).toContain('<div class="watermark">某某区大数据发展管理局 内部资料</div>');
    expect(html).toContain('WenQuanYi Micro Hei');
    expect(html).not.toMatch(/<script|https?:\/\//);
    const o = reportPdfOptions(doc);
    expect(o.footerTemplate).toContain('<span class="pageNumber"></span>');
    expect(o.footerTemplate).toContain('<span class="totalPages"></span>');
  });

  it('DOCX: every part is well-formed XML; text escaped, control characters dropped; headings numbered; watermark and PAGE field', () => {
    const buf = reportDocx(buildReport(input()), new Date(Date.UTC(2026, 5, 1)));
    const dir = readZipDirectory(buf);
    expect(dir.problems).toEqual([]);
    const parser = new DOMParser();
    const parts: Record<string, string> = {};
    for (const e of dir.entries) {
      const r = readZipEntry(buf, e);
      if (!('data' in r)) throw new Error(e.name);
      parts[e.name] = r.data.toString('utf8');
      const xml = parser.parseFromString(parts[e.name]!, 'application/xml');
      expect(xml.getElementsByTagName('parsererror').length, e.name).toBe(0);
    }
    const body = parts['word/document.xml']!;
    expect(body).toContain('接口 &lt;未鉴权&gt; &amp; &quot;越权&quot;');
    expect(body).toContain('事件一');
    expect(body).toContain('<w:numId w:val="1"/>');
    expect(body).toContain('w:fill="e53935"'); // a heat-map cell
    expect(parts['word/header1.xml']).toContain('<v:textpath');
    expect(parts['word/footer1.xml']).toContain(' NUMPAGES ');
    expect(parts['[Content_Types].xml']).toContain('/word/numbering.xml');
  });
});
