/**
 * The report model as one self-contained HTML page (no script, no external resource), printed to
 * PDF by Chromium or Electron. The watermark is a position:fixed element, which Chromium repeats
 * on every printed page; page numbers come from the printer's footer template.
 */
import type { ReportBlock, ReportDoc } from '../../domain/risk-report';
import type { HeatMap } from '../../domain/risk';
import type { PdfOptions } from './pdf-port';

export const REPORT_FONTS = `"SimSun", "宋体", "Microsoft YaHei", "微软雅黑", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", sans-serif`;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Black or white text, whichever reads better on the cell colour. */
export function textOn(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#000000' : '#ffffff';
}

function heatHtml(h: HeatMap, caption: string): string {
  const rows = [...h.rows].reverse();
  const head = `<tr><th class="corner">可能性 \\ 影响程度</th>${h.impact.map((i) => `<th>${escapeHtml(i.label)}</th>`).join('')}</tr>`;
  const body = rows
    .map((row, ri) => {
      const l = h.likelihood[h.likelihood.length - 1 - ri]!;
      return `<tr><th>${escapeHtml(l.label)}</th>${row
        .map((c) => `<td style="background:${c.color};color:${textOn(c.color)}">${c.riskIds.length > 0 ? c.riskIds.length : ''}</td>`)
        .join('')}</tr>`;
    })
    .join('');
  const legend = h.levels.map((l) => `<span class="swatch" style="background:${l.color}"></span>${escapeHtml(l.name)}（${l.count}）`).join('　');
  return `<figure class="heat"><table class="heat">${head}${body}</table><figcaption>${escapeHtml(caption)}<br>${legend}</figcaption></figure>`;
}

function blockHtml(b: ReportBlock): string {
  switch (b.type) {
    case 'heading':
      return b.level === 1 ? `<h1>${escapeHtml(b.text)}</h1>` : `<h2>${escapeHtml(b.text)}</h2>`;
    case 'paragraph':
      return `<p${b.style ? ` class="${b.style}"` : ''}>${escapeHtml(b.text)}</p>`;
    case 'table': {
      const cols = b.widths ? `<colgroup>${b.widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : '';
      const cap = b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : '';
      const head = `<thead><tr>${b.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
      const body = `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody>`;
      return `<table class="grid">${cap}${cols}${head}${body}</table>`;
    }
    case 'heatmap':
      return heatHtml(b.heat, b.caption);
  }
}

export function reportHtml(doc: ReportDoc): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>${escapeHtml(`${doc.unitName} ${doc.year}${doc.title}`)}</title>
<style>
  @page { size: A4; }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-family: ${REPORT_FONTS}; font-size: 10.5pt; line-height: 1.6; color: #000; margin: 0; }
  .watermark { position: fixed; top: 45%; left: -20%; right: -20%; text-align: center; transform: rotate(-30deg); font-size: 32pt; color: rgba(150,150,150,0.18); z-index: -1; white-space: nowrap; pointer-events: none; }
  .cover { height: 24cm; display: flex; flex-direction: column; justify-content: center; text-align: center; page-break-after: always; }
  .cover .unit { font-size: 18pt; margin-bottom: 1cm; }
  .cover .title { font-size: 26pt; font-weight: bold; }
  .cover .year { font-size: 18pt; margin-top: .6cm; }
  .cover .date { font-size: 12pt; margin-top: 3cm; }
  .cover .draft { font-size: 16pt; color: #c00; margin-top: 1cm; font-weight: bold; }
  h1 { font-size: 15pt; margin: 18pt 0 8pt; page-break-after: avoid; }
  h2 { font-size: 12pt; margin: 12pt 0 6pt; page-break-after: avoid; }
  p { text-indent: 2em; margin: 4pt 0; }
  p.note { text-indent: 0; color: #555; }
  p.lead { text-indent: 0; color: #c00; font-weight: bold; border: 1px solid #c00; padding: 4pt; }
  table.grid { width: 100%; border-collapse: collapse; margin: 6pt 0 10pt; font-size: 9pt; table-layout: fixed; }
  table.grid caption { font-weight: bold; margin-bottom: 3pt; }
  table.grid th, table.grid td { border: 0.6pt solid #444; padding: 2pt 3pt; vertical-align: top; word-break: break-all; }
  table.grid th { background: #d9e2f3; }
  table.grid thead { display: table-header-group; }
  table.grid tr { page-break-inside: avoid; }
  figure.heat { margin: 8pt 0; text-align: center; page-break-inside: avoid; }
  table.heat { border-collapse: collapse; margin: 0 auto; font-size: 10pt; }
  table.heat th, table.heat td { border: 0.6pt solid #444; width: 2.2cm; height: 1cm; text-align: center; }
  table.heat th { background: #f2f2f2; }
  table.heat th.corner { font-size: 8pt; }
  figcaption { font-size: 9pt; margin-top: 4pt; }
  .swatch { display: inline-block; width: 10pt; height: 10pt; vertical-align: middle; margin-right: 2pt; border: 0.5pt solid #444; }
</style></head><body>
<div class="watermark">${escapeHtml(doc.watermark)}</div>
<section class="cover">
  <div class="unit">${escapeHtml(doc.unitName)}</div>
  <div class="title">${escapeHtml(doc.title)}</div>
  <div class="year">${escapeHtml(doc.subtitle)}</div>
  ${doc.draft ? '<div class="draft">草稿 DRAFT</div>' : ''}
  <div class="date">${escapeHtml(doc.generatedOn)}</div>
</section>
${doc.blocks.map(blockHtml).join('\n')}
</body></html>`;
}

/** Header and footer for the printer: title on top, 第 N 页 / 共 M 页 below. */
export function reportPdfOptions(doc: ReportDoc): PdfOptions {
  const style = `font-family:${REPORT_FONTS.replace(/"/g, "'")};font-size:8pt;width:100%;box-sizing:border-box;color:#444;padding:0 1.8cm;`;
  return {
    headerTemplate: `<div style="${style}text-align:right;">${escapeHtml(`${doc.unitName} ${doc.year}${doc.title}${doc.draft ? '（草稿）' : ''}`)}</div>`,
    footerTemplate: `<div style="${style}text-align:center;">第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>`,
    marginTopCm: 2,
    marginBottomCm: 2,
    marginSideCm: 1.8,
  };
}
