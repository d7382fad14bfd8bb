/**
 * The report model as a .docx (WordprocessingML written by hand, zipped with the package zip
 * writer): styles with 宋体/SimSun (and fallbacks in the font table), numbered headings
 * (一、 and （一）, Chinese counting), tables with a repeated header row, the heat map as a table of
 * coloured cells, a header with the title and a watermark (the VML text shape Word itself writes),
 * and a footer with PAGE / NUMPAGES fields. Opens in Word, WPS and LibreOffice.
 */
import type { HeatMap } from '../../domain/risk';
import type { ReportBlock, ReportDoc } from '../../domain/risk-report';
import { writeZip } from '../package/zip';
import { textOn } from './report-html';

const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
export function xmlEscape(s: string): string {
  return s.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A4 in twips, 2 cm margins. */
const PAGE_W = 11906;
const PAGE_H = 16838;
const MARGIN = 1134;
const TEXT_W = PAGE_W - 2 * MARGIN;

const run = (text: string, props = '') => {
  const lines = text.split('\n');
  return lines.map((l, i) => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${xmlEscape(l)}</w:t></w:r>`).join('');
};
const para = (text: string, pPr = '', rPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${run(text, rPr)}</w:p>`;

const H1_PREFIX = /^[一二三四五六七八九十]+、/;
const H2_PREFIX = /^（[一二三四五六七八九十]+）/;

function heading(level: 1 | 2, text: string): string {
  const prefix = level === 1 ? H1_PREFIX : H2_PREFIX;
  const numbered = prefix.test(text);
  const numPr = numbered ? `<w:numPr><w:ilvl w:val="${level - 1}"/><w:numId w:val="1"/></w:numPr>` : '';
  return `<w:p><w:pPr><w:pStyle w:val="Heading${level}"/>${numPr}</w:pPr>${run(numbered ? text.replace(prefix, '') : text)}</w:p>`;
}

const BORDERS = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="444444"/>`).join('')}</w:tblBorders>`;

function cell(text: string, width: number, opts: { fill?: string; color?: string; bold?: boolean; center?: boolean } = {}): string {
  const shd = opts.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${opts.fill.replace('#', '')}"/>` : '';
  const rPr = `${opts.bold ? '<w:b/>' : ''}${opts.color ? `<w:color w:val="${opts.color.replace('#', '')}"/>` : ''}<w:sz w:val="18"/><w:szCs w:val="18"/>`;
  const pPr = `<w:spacing w:before="0" w:after="0" w:line="260" w:lineRule="auto"/><w:ind w:firstLine="0"/>${opts.center ? '<w:jc w:val="center"/>' : ''}`;
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${shd}${opts.center ? '<w:vAlign w:val="center"/>' : ''}</w:tcPr>${para(text, pPr, rPr)}</w:tc>`;
}

function table(headers: string[], rows: string[][], widths: number[] | undefined, caption: string | undefined): string {
  const pct = widths && widths.length === headers.length ? widths : headers.map(() => 100 / headers.length);
  const sum = pct.reduce((a, b) => a + b, 0);
  const tw = pct.map((w) => Math.floor((w / sum) * TEXT_W));
  const grid = `<w:tblGrid>${tw.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  const head = `<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>${headers.map((h, i) => cell(h, tw[i]!, { fill: '#D9E2F3', bold: true, center: true })).join('')}</w:tr>`;
  const body = rows.map((r) => `<w:tr><w:trPr><w:cantSplit/></w:trPr>${r.map((c, i) => cell(c, tw[i] ?? tw[tw.length - 1]!)).join('')}</w:tr>`).join('');
  const cap = caption ? para(caption, '<w:pStyle w:val="Caption"/>') : '';
  return `${cap}<w:tbl><w:tblPr><w:tblW w:w="${TEXT_W}" w:type="dxa"/>${BORDERS}<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>${grid}${head}${body}</w:tbl>${para('', '<w:spacing w:before="0" w:after="60"/>')}`;
}

function heatTable(h: HeatMap, caption: string): string {
  const n = h.impact.length + 1;
  const w = Math.floor(Math.min(TEXT_W / n, 1300));
  const grid = `<w:tblGrid>${Array.from({ length: n }, () => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  const head = `<w:tr>${cell('可能性＼影响', w, { fill: '#F2F2F2', bold: true, center: true })}${h.impact.map((i) => cell(i.label, w, { fill: '#F2F2F2', bold: true, center: true })).join('')}</w:tr>`;
  const rows = [...h.rows]
    .reverse()
    .map((row, ri) => {
      const l = h.likelihood[h.likelihood.length - 1 - ri]!;
      return `<w:tr><w:trPr><w:trHeight w:val="560"/></w:trPr>${cell(l.label, w, { fill: '#F2F2F2', bold: true, center: true })}${row
        .map((c) => cell(c.riskIds.length > 0 ? String(c.riskIds.length) : '', w, { fill: c.color, color: textOn(c.color), bold: true, center: true }))
        .join('')}</w:tr>`;
    })
    .join('');
  const legendRuns = h.levels
    .map((l) => `<w:r><w:rPr><w:color w:val="${l.color.replace('#', '')}"/></w:rPr><w:t>■</w:t></w:r><w:r><w:t xml:space="preserve">${xmlEscape(`${l.name}（${l.count}）　`)}</w:t></w:r>`)
    .join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="${w * n}" w:type="dxa"/><w:jc w:val="center"/>${BORDERS}<w:tblLayout w:type="fixed"/></w:tblPr>${grid}${head}${rows}</w:tbl>${para(caption, '<w:pStyle w:val="Caption"/><w:jc w:val="center"/>')}<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${legendRuns}</w:p>`;
}

function blockXml(b: ReportBlock): string {
  switch (b.type) {
    case 'heading':
      return heading(b.level, b.text);
    case 'paragraph':
      return b.style === 'lead'
        ? para(b.text, '<w:pBdr><w:top w:val="single" w:sz="6" w:space="2" w:color="C00000"/><w:bottom w:val="single" w:sz="6" w:space="2" w:color="C00000"/></w:pBdr><w:ind w:firstLineChars="0" w:firstLine="0"/>', '<w:b/><w:color w:val="C00000"/>')
        : b.style === 'note'
          ? para(b.text, '<w:ind w:firstLineChars="0" w:firstLine="0"/>', '<w:color w:val="555555"/>')
          : para(b.text);
    case 'table':
      return table(b.headers, b.rows, b.widths, b.caption);
    case 'heatmap':
      return heatTable(b.heat, b.caption);
  }
}

function documentXml(doc: ReportDoc): string {
  const center = (text: string, size: number, extra = '') => para(text, '<w:spacing w:before="240" w:after="240"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>', `${extra}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>`);
  const cover = [
    ...Array.from({ length: 6 }, () => '<w:p/>'),
    center(doc.unitName, 36),
    center(doc.title, 52, '<w:b/>'),
    center(doc.subtitle, 36),
    doc.draft ? center('草稿 DRAFT', 32, '<w:b/><w:color w:val="C00000"/>') : '',
    ...Array.from({ length: 6 }, () => '<w:p/>'),
    center(doc.generatedOn, 24),
    '<w:p><w:r><w:br w:type="page"/></w:r></w:p>',
  ].join('');
  const sect = `<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="${PAGE_W}" w:h="${PAGE_H}"/><w:pgMar w:top="1440" w:right="${MARGIN}" w:bottom="1440" w:left="${MARGIN}" w:header="720" w:footer="720" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>`;
  return `${XML_HEAD}<w:document xmlns:w="${NS_W}" xmlns:r="${NS_R}"><w:body>${cover}${doc.blocks.map(blockXml).join('')}${sect}</w:body></w:document>`;
}

const FONT = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman" w:hint="eastAsia"/>';
const HEI = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="黑体" w:cs="Times New Roman" w:hint="eastAsia"/>';

const STYLES = `${XML_HEAD}<w:styles xmlns:w="${NS_W}">
<w:docDefaults><w:rPrDefault><w:rPr>${FONT}<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="80" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="420"/><w:jc w:val="both"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="160"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr>${HEI}<w:b/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr>${HEI}<w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/></w:pPr><w:rPr><w:color w:val="444444"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>`;

/** Headings 一、 and （一）in Chinese counting; level 2 restarts under each level 1. */
const NUMBERING = `${XML_HEAD}<w:numbering xmlns:w="${NS_W}">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading2"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>`;

const FONT_TABLE = `${XML_HEAD}<w:fonts xmlns:w="${NS_W}">
<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
</w:fonts>`;

function headerXml(doc: ReportDoc): string {
  // The watermark: the VML text shape Word writes for 水印 (WPS and LibreOffice read it too).
  const wm = `<w:r><w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype><v:shape id="DataStewardWatermark" o:spid="_x0000_s2049" type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:88pt;rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#c0c0c0" stroked="f"><v:fill opacity=".35"/><v:textpath style="font-family:&quot;宋体&quot;;font-size:1pt" string="${xmlEscape(doc.watermark)}"/></v:shape></w:pict></w:r>`;
  const title = `${doc.unitName} ${doc.year}${doc.title}${doc.draft ? '（草稿）' : ''}`;
  return `${XML_HEAD}<w:hdr xmlns:w="${NS_W}" xmlns:r="${NS_R}" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>${wm}${run(title)}</w:p></w:hdr>`;
}

const field = (instr: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${instr} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;
const FOOTER = `${XML_HEAD}<w:ftr xmlns:w="${NS_W}" xmlns:r="${NS_R}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>${run('第 ')}${field('PAGE')}${run(' 页 / 共 ')}${field('NUMPAGES')}${run(' 页')}</w:p></w:ftr>`;

const SETTINGS = `${XML_HEAD}<w:settings xmlns:w="${NS_W}"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`;

const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>`;

const RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>`;

const DOC_RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>
<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>`;

function coreXml(doc: ReportDoc, at: Date): string {
  const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlEscape(`${doc.unitName} ${doc.year}${doc.title}`)}</dc:title><dc:creator>DataSteward</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`;
}

const APP = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>DataSteward</Application></Properties>`;

export function reportDocx(doc: ReportDoc, at: Date): Buffer {
  const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  return writeZip(
    [
      { name: '[Content_Types].xml', data: enc(CONTENT_TYPES) },
      { name: '_rels/.rels', data: enc(RELS) },
      { name: 'docProps/core.xml', data: enc(coreXml(doc, at)) },
      { name: 'docProps/app.xml', data: enc(APP) },
      { name: 'word/document.xml', data: enc(documentXml(doc)) },
      { name: 'word/_rels/document.xml.rels', data: enc(DOC_RELS) },
      { name: 'word/styles.xml', data: enc(STYLES) },
      { name: 'word/numbering.xml', data: enc(NUMBERING) },
      { name: 'word/settings.xml', data: enc(SETTINGS) },
      { name: 'word/fontTable.xml', data: enc(FONT_TABLE) },
      { name: 'word/header1.xml', data: enc(headerXml(doc)) },
      { name: 'word/footer1.xml', data: enc(FOOTER) },
    ],
    { mtime: at },
  );
}
