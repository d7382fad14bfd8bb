/**
 * A streaming .xlsx writer for the bureau template: shared strings, column widths, a frozen and
 * styled header row with an auto-filter, data-validation drop-downs (inline lists), page set-up
 * with the unit and export time in the header and footer, the header row repeated on each printed
 * page, and document properties (title, author, comments and custom properties as a watermark).
 *
 * Every text is written as a string cell (t="s"); a text that a spreadsheet would run as a formula
 * (= + - @ tab CR first) also gets a quote-prefix style, so it stays text even when edited. The
 * writer never writes a formula element. Rows are streamed into the ZIP in chunks, so exporting
 * 100,000 rows never builds the sheet as one string.
 */
import fs from 'node:fs';
import path from 'node:path';
import { columnLetter } from '../../domain/sheets/layout';
import type { OutCell } from '../../domain/sheets/export';
import { excelError } from './errors';
import { MemorySink, ZipWriter, fileSink, type ZipSink } from './zip';

export interface OutDropDown {
  /** e.g. N2:N1048576 */
  sqref: string;
  list: readonly string[];
  /** false: the list helps, other values are accepted (multi-value cells). */
  strict: boolean;
  prompt?: string;
}

export interface OutSheet {
  name: string;
  /** Width in characters per column. */
  widths: readonly number[];
  /** Header cells of row 1 (styled, frozen, filtered); none for a label/value sheet. */
  header?: readonly string[];
  rows: Iterable<readonly OutCell[]>;
  dropDowns?: readonly OutDropDown[];
  /** Style column A as labels (sheet 1). */
  labelColumn?: boolean;
  headerFooter?: { left: string; right: string; footerLeft: string };
}

export interface OutProps {
  title: string;
  subject: string;
  author: string;
  company: string;
  keywords: string;
  /** Shown as 备注/Comments in the file's properties. */
  description: string;
  created: Date;
  /** Custom properties (文件 → 属性 → 自定义). */
  custom: Record<string, string>;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** XML text: & < > escaped; characters XML 1.0 cannot carry, and CR, as OOXML _xHHHH_ escapes. */
export function xmlText(s: string): string {
  let out = s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
  if (/_x[0-9A-Fa-f]{4}_/.test(out)) out = out.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  return out.replace(/[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

function xmlAttr(s: string): string {
  return s.replace(/[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : ''));
}

/** Header/footer text: & is the code character there, so a literal & is &&. */
function hfText(s: string): string {
  return s.replaceAll('&', '&&');
}

const STYLE = { normal: 0, header: 1, text: 2, quoted: 3, label: 4 } as const;

const STYLES_XML = `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">
<numFmts count="0"/>
<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>
<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;
  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }
  /** The same text as an earlier id() that returned `i`, used again. */
  again(i: number): number {
    this.count++;
    return i;
  }
  *xml(): Generator<string> {
    yield `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">`;
    let buf = '';
    for (const s of this.list) {
      const t = xmlText(s);
      buf += s !== s.trim() || /\n/.test(s) ? `<si><t xml:space="preserve">${t}</t></si>` : `<si><t>${t}</t></si>`;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    yield `${buf}</sst>`;
  }
}

/** isFormulaLike (= + - @ tab CR first) without a regular expression: it runs for every text cell. */
export function startsLikeFormula(v: string): boolean {
  const c = v.charCodeAt(0);
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d;
}

const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const ROW_OPEN = ascii('<row r="');
const TAG_END = ascii('">');
const ROW_CLOSE = ascii('</row>');
const NUM_OPEN = ascii('"><v>');
const STR_OPEN = ascii('" t="s"><v>');
const CELL_CLOSE = ascii('</v></c>');
const CHUNK_BYTES = 1 << 20;

/** Bytes of ASCII XML written in place, handed over in pieces of about 1 MiB. */
class AsciiBuffer {
  buf = Buffer.allocUnsafe(CHUNK_BYTES + (1 << 16));
  off = 0;
  /** Whether `n` more bytes fit before the piece is full. */
  fits(n: number): boolean {
    return this.off + n <= CHUNK_BYTES || this.off === 0;
  }
  take(): Buffer {
    const piece = this.buf.subarray(0, this.off);
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES + (1 << 16), this.buf.length));
    this.off = 0;
    return piece;
  }
  /** Room for `n` more bytes (a row larger than a piece grows it). */
  room(n: number): void {
    if (this.off + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.off + n));
    this.buf.copy(bigger, 0, 0, this.off);
    this.buf = bigger;
  }
}

/** Small pieces: a loop is cheaper than a native copy call for each. */
function put(buf: Buffer, o: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) buf[o++] = b[i]!;
  return o;
}

/** A non-negative integer below 2^31 in decimal. */
function putUint(buf: Buffer, o: number, n: number): number {
  if (n < 10) {
    buf[o] = 48 + n;
    return o + 1;
  }
  let end = o;
  for (let m = n; m > 0; m = (m / 10) | 0) end++;
  for (let m = n, k = end; m > 0; m = (m / 10) | 0) buf[--k] = 48 + (m % 10);
  return end;
}

interface RowContext {
  sst: SharedStrings;
  letters: string[];
  cellOpen: Uint8Array[];
  labelColumn: boolean;
  /** The last text of each column and its shared-string index (see sheetXml). */
  lastText: (string | undefined)[];
  lastId: number[];
}

const STYLED = new Map<number, Uint8Array>();
const styledAttr = (st: number) => {
  let b = STYLED.get(st);
  if (!b) STYLED.set(st, (b = ascii(`" s="${st}`)));
  return b;
};
const ROW_DIGITS = new Uint8Array(16);

/** One row's XML: <row r="N"> and its non-empty cells, each text as a shared-string index. */
function putRow(out: AsciiBuffer, row: readonly OutCell[], r: number, ctx: RowContext): void {
  // At most ≈ 55 bytes a cell (a number's decimal form is at most 24 characters).
  out.room(64 + row.length * 90);
  const buf = out.buf;
  let o = out.off;
  let rl = 0;
  for (let m = r; m > 0; m = (m / 10) | 0) ROW_DIGITS[rl++] = 48 + (m % 10);
  o = put(buf, o, ROW_OPEN);
  for (let k = rl - 1; k >= 0; k--) buf[o++] = ROW_DIGITS[k]!;
  o = put(buf, o, TAG_END);
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v === null || v === undefined || v === '') continue;
    if (typeof v === 'number' && !Number.isFinite(v)) continue;
    o = put(buf, o, ctx.cellOpen[i] ?? (ctx.cellOpen[i] = ascii(`<c r="${(ctx.letters[i] ??= columnLetter(i))}`)));
    for (let k = rl - 1; k >= 0; k--) buf[o++] = ROW_DIGITS[k]!;
    if (typeof v === 'number') {
      o = put(buf, o, NUM_OPEN);
      const t = String(v);
      for (let j = 0; j < t.length; j++) buf[o++] = t.charCodeAt(j);
    } else {
      const st = i === 0 && ctx.labelColumn ? STYLE.label : startsLikeFormula(v) ? STYLE.quoted : -1;
      let id: number;
      if (ctx.lastText[i] === v) id = ctx.sst.again(ctx.lastId[i]!);
      else {
        id = ctx.sst.id(v);
        ctx.lastText[i] = v;
        ctx.lastId[i] = id;
      }
      if (st >= 0) o = put(buf, o, styledAttr(st));
      o = put(buf, o, STR_OPEN);
      o = putUint(buf, o, id);
    }
    o = put(buf, o, CELL_CLOSE);
  }
  out.off = put(buf, o, ROW_CLOSE);
}

function* sheetXml(sheet: OutSheet, sst: SharedStrings, stats: { rows: number }): Generator<string | Buffer> {
  const ncols = Math.max(sheet.widths.length, sheet.header?.length ?? 0);
  const letters = Array.from({ length: Math.max(ncols, 1) }, (_, i) => columnLetter(i));
  const frozen = Boolean(sheet.header);
  let head = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`;
  head += frozen
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  head += '<sheetFormatPr defaultRowHeight="15"/>';
  if (sheet.widths.length > 0) {
    head += '<cols>';
    sheet.widths.forEach((w, i) => {
      head += `<col min="${i + 1}" max="${i + 1}" width="${(w + 0.71).toFixed(2)}" style="${STYLE.text}" customWidth="1"/>`;
    });
    head += '</cols>';
  }
  head += '<sheetData>';
  yield head;
  let r = 0;
  let buf = '';
  if (sheet.header) {
    r = 1;
    buf += `<row r="1" ht="30" customHeight="1">`;
    sheet.header.forEach((h, i) => {
      buf += `<c r="${letters[i]}1" s="${STYLE.header}" t="s"><v>${sst.id(h)}</v></c>`;
    });
    buf += '</row>';
  }
  if (buf) yield buf;
  buf = '';
  // The rows are written as bytes, not built as strings and encoded: a row holds only ASCII (every
  // text is a shared-string index), and 100,000 rows of 30 cells are ≈ 90 MB of it.
  const out = new AsciiBuffer();
  // The last text of each column and its shared-string index: neighbouring rows often repeat a
  // column's value (the same 行业, 来源, 级别…), and a comparison is cheaper than a look-up.
  const ctx: RowContext = { sst, letters, cellOpen: letters.map((l) => ascii(`<c r="${l}`)), labelColumn: Boolean(sheet.labelColumn), lastText: [], lastId: [] };
  for (const row of sheet.rows) {
    if (!out.fits(64 + row.length * 90)) yield out.take();
    putRow(out, row, ++r, ctx);
  }
  if (out.off > 0) yield out.take();
  stats.rows = r;
  buf += '</sheetData>';
  if (sheet.header && ncols > 0) buf += `<autoFilter ref="A1:${letters[ncols - 1]}${Math.max(r, 1)}"/>`;
  const dv = sheet.dropDowns ?? [];
  if (dv.length > 0) {
    buf += `<dataValidations count="${dv.length}">`;
    for (const d of dv) {
      const formula = `"${d.list.join(',')}"`;
      if (formula.length > 257) throw new Error(`drop-down list too long for ${d.sqref}`);
      const err = d.strict ? ` showErrorMessage="1" errorStyle="stop" errorTitle="${xmlAttr('取值不在代码表中')}" error="${xmlAttr(`请从下拉列表中选择：${d.list.join('、')}`)}"` : ' showErrorMessage="0"';
      const prompt = d.prompt ? ` showInputMessage="1" prompt="${xmlAttr(d.prompt.slice(0, 255))}"` : '';
      buf += `<dataValidation type="list" allowBlank="1"${err}${prompt} sqref="${d.sqref}"><formula1>${xmlText(formula)}</formula1></dataValidation>`;
    }
    buf += '</dataValidations>';
  }
  buf += '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  buf += '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>';
  if (sheet.headerFooter) {
    const hf = sheet.headerFooter;
    buf += `<headerFooter><oddHeader>${xmlText(`&L${hfText(hf.left)}&R${hfText(hf.right)}`)}</oddHeader><oddFooter>${xmlText(`&L${hfText(hf.footerLeft)}&R第 &P 页，共 &N 页`)}</oddFooter></headerFooter>`;
  }
  buf += '</worksheet>';
  yield buf;
}

function coreXml(p: OutProps): string {
  const iso = p.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
    + `<dc:title>${xmlText(p.title)}</dc:title><dc:subject>${xmlText(p.subject)}</dc:subject><dc:creator>${xmlText(p.author)}</dc:creator>`
    + `<cp:keywords>${xmlText(p.keywords)}</cp:keywords><dc:description>${xmlText(p.description)}</dc:description><cp:lastModifiedBy>${xmlText(p.author)}</cp:lastModifiedBy>`
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`;
}

function appXml(p: OutProps, sheets: readonly OutSheet[]): string {
  return `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`
    + `<Application>DataSteward</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>`
    + `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>`
    + `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${xmlText(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>`
    + `<Company>${xmlText(p.company)}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>`;
}

function customXml(p: OutProps): string {
  let pid = 2;
  const props = Object.entries(p.custom)
    .map(([k, v]) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${pid++}" name="${xmlAttr(k)}"><vt:lpwstr>${xmlText(v)}</vt:lpwstr></property>`)
    .join('');
  return `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${props}</Properties>`;
}

function quoteSheet(name: string): string {
  return `'${name.replaceAll("'", "''")}'`;
}

export interface WriteStats {
  bytes: number;
  rows: Record<string, number>;
}

/**
 * Write the workbook into `sink` (the ZIP parts in their fixed order). Returns the rows written
 * per sheet. The bytes depend only on the arguments, never on the sink.
 */
function writeWorkbook(sink: ZipSink, sheets: readonly OutSheet[], props: OutProps, level: number): Record<string, number> {
  const rowsBySheet: Record<string, number> = {};
  const zip = new ZipWriter(sink, level, props.created);
  const sst = new SharedStrings();
  const ct = [
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`,
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    ...sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`),
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>',
    '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>',
    '</Types>',
  ].join('');
  zip.add('[Content_Types].xml', [ct]);
  zip.add('_rels/.rels', [
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">`
      + `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>`
      + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
      + `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>`
      + `<Relationship Id="rId4" Type="${REL}/custom-properties" Target="docProps/custom.xml"/>`
      + '</Relationships>',
  ]);
  zip.add('docProps/core.xml', [coreXml(props)]);
  zip.add('docProps/app.xml', [appXml(props, sheets)]);
  zip.add('docProps/custom.xml', [customXml(props)]);
  const names: string[] = [];
  sheets.forEach((s, i) => {
    const sheetStats = { rows: 0 };
    zip.add(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s, sst, sheetStats));
    rowsBySheet[s.name] = sheetStats.rows;
    const ncols = Math.max(s.widths.length, s.header?.length ?? 0);
    if (s.header && ncols > 0) {
      names.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(`${quoteSheet(s.name)}!$A$1:$${columnLetter(ncols - 1)}$${Math.max(sheetStats.rows, 1)}`)}</definedName>`);
      names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`${quoteSheet(s.name)}!$1:$1`)}</definedName>`);
    }
  });
  zip.add('xl/sharedStrings.xml', sst.xml());
  zip.add('xl/styles.xml', [STYLES_XML]);
  zip.add('xl/workbook.xml', [
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><workbookPr date1904="false"/><bookViews><workbookView activeTab="${sheets.length > 1 ? 1 : 0}"/></bookViews><sheets>`
      + sheets.map((s, i) => `<sheet name="${xmlAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')
      + `</sheets>${names.length > 0 ? `<definedNames>${names.join('')}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`,
  ]);
  zip.add('xl/_rels/workbook.xml.rels', [
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">`
      + sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
      + `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/>`
      + `<Relationship Id="rId${sheets.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`
      + '</Relationships>',
  ]);
  zip.finish();
  return rowsBySheet;
}

/**
 * Write the workbook to `file` (through a temporary file beside it, renamed at the end, so a
 * failed export never leaves a half-written file under the chosen name).
 */
export function writeXlsx(file: string, sheets: readonly OutSheet[], props: OutProps, level = 6): WriteStats {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number;
  try {
    fd = fs.openSync(tmp, 'w', 0o600);
  } catch (e) {
    throw excelError('EXPORT_FAILED', { reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  try {
    const rows = writeWorkbook(fileSink(fd), sheets, props, level);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    const stats: WriteStats = { bytes: fs.statSync(tmp).size, rows };
    fs.renameSync(tmp, file);
    return stats;
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      /* already closed */
    }
    fs.rmSync(tmp, { force: true });
    if (e instanceof Error && e.name === 'DomainError') throw e;
    throw excelError('EXPORT_FAILED', { reason: (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e)) });
  }
}

/** Write text (a CSV) the same careful way. */
export function writeTextFile(file: string, text: string): number {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, text, 0, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    return fs.statSync(file).size;
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw excelError('EXPORT_FAILED', { reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}

/**
 * The workbook as bytes, made in memory: the same bytes writeXlsx writes to a file for the same
 * arguments, and nothing touches the disk (a filing package's data/备案清单.xlsx, which may be
 * sealed: no unencrypted copy of the inventory in a temporary folder).
 */
export function xlsxBytes(sheets: readonly OutSheet[], props: OutProps, level = 6): Buffer {
  const sink = new MemorySink();
  writeWorkbook(sink, sheets, props, level);
  return sink.bytes();
}

