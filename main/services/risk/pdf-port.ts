/**
 * The port through which the report service prints HTML to PDF (its types live in
 * main/domain/risk-report.ts, so that the Electron host, which may not import services, uses
 * them too), and the refusal when no engine can be started.
 */
import { DomainError } from '../../domain/errors';

export type { HtmlToPdf, PdfOptions } from '../../domain/risk-report';

export const pdfUnavailable = (why: string) =>
  new DomainError(
    'PDF_UNAVAILABLE',
    `生成 PDF 需要 Chromium 浏览器（或桌面版程序 Electron），本机未找到可用的 Chromium（${why}）。可设置环境变量 DATASTEWARD_CHROMIUM 指向 Chromium/Chrome/Edge 程序；也可以先生成 .docx 报告，再用 WPS、Word 或 LibreOffice 另存为 PDF。`,
    `PDF output needs Chromium (or the Electron desktop app); no usable Chromium was found (${why}). Set DATASTEWARD_CHROMIUM to a Chromium, Chrome or Edge executable, or generate the .docx report, which works without it, and save it as PDF from WPS, Word or LibreOffice.`,
    { why },
  );
