/**
 * Reading one cell as officers really fill it: full-width letters and digits, trailing spaces,
 * numbers stored as text (with thousands separators or 万), Excel serial dates and text dates,
 * 是/否 written a dozen ways, code-list values with stray spaces. Pure.
 */
import { splitMulti } from '../code-lists';
import { normalizeDate } from '../contact';
import { normalizeText, toHalfWidth } from '../text';

/** An error value of a formula cell (#N/A, #REF! …). */
export interface CellError {
  error: string;
}
/** A cell as a reader gives it: text, a number (dates are serial numbers), a boolean, an error, or empty. */
export type RawCell = string | number | boolean | CellError | null;

export function isCellError(v: RawCell | undefined): v is CellError {
  return typeof v === 'object' && v !== null;
}

/**
 * normalizeText, memoised: a sheet repeats the same few thousand strings (system names, code
 * values, departments) over 100,000 rows, and a shared-strings reader hands out the same ones.
 * ASCII text needs no NFC or width folding, only trimming.
 */
const NORMALIZED = new Map<string, string>();
const PLAIN = /^[\x20-\x7e]*$/;
export function normalizeCell(s: string): string {
  if (PLAIN.test(s)) return s.trim();
  let n = NORMALIZED.get(s);
  if (n === undefined) {
    if (NORMALIZED.size >= 200_000) NORMALIZED.clear();
    n = normalizeText(s);
    if (s.length <= 200) NORMALIZED.set(s, n);
  }
  return n;
}

export function isBlank(v: RawCell | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.length === 0 || normalizeCell(v) === '';
  return false;
}

/** A number as Excel shows it in General format: at most 15 significant digits, no exponent for integers. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isSafeInteger(n)) return String(n);
  const p = Number(n.toPrecision(15));
  if (Number.isInteger(p) && Math.abs(p) < 1e21) return p.toFixed(0);
  return String(p);
}

/** Any cell as normalised text (NFC, half-width, trimmed). */
export function cellText(v: RawCell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return normalizeCell(v);
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return '';
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: 'number' | 'integer' | 'negative' | 'date' | 'yesno' | 'list' | 'error' | 'tooLong' };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: Extract<Parsed<T>, { ok: false }>['reason']): Parsed<T> => ({ ok: false, reason });

/** Numbers written as text: 1,234 / 1 234 / １２３４ / 1.2万 / 3亿 / 1.2E+05 / 1234条. */
export function parseNumberText(raw: string): number | undefined {
  let s = toHalfWidth(raw).replace(/[\s,，_']/g, '');
  if (s === '') return undefined;
  let scale = 1;
  s = s.replace(/(条|人|个|行|次|GB|G|gb|g)$/u, '');
  if (s.endsWith('万')) {
    scale = 1e4;
    s = s.slice(0, -1);
  } else if (s.endsWith('亿')) {
    scale = 1e8;
    s = s.slice(0, -1);
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const n = Number(s) * scale;
  return Number.isFinite(n) ? n : undefined;
}

/** A non-negative number (kind 'number'); empty → null. */
export function parseDecimal(v: RawCell | undefined): Parsed<number | null> {
  if (isCellError(v)) return bad('error');
  if (isBlank(v)) return ok(null);
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumberText(v) : undefined;
  if (n === undefined) return bad('number');
  if (n < 0) return bad('negative');
  return ok(Number(n.toPrecision(15)));
}

/** A non-negative whole number (kind 'int'); empty → null. */
export function parseCount(v: RawCell | undefined): Parsed<number | null> {
  const d = parseDecimal(v);
  if (!d.ok || d.value === null) return d;
  const r = Math.round(d.value);
  if (Math.abs(d.value - r) > 1e-9 || !Number.isSafeInteger(r)) return bad('integer');
  return ok(r);
}

const MS_PER_DAY = 86_400_000;
/** Excel's last date, 9999-12-31, as a 1900-system serial. */
const MAX_SERIAL = 2_958_465;

/**
 * An Excel serial date as yyyy-mm-dd. In the 1900 system serial 1 is 1900-01-01 and 60 is the
 * non-existent 1900-02-29 (Lotus's leap-year bug, kept by Excel); in the 1904 system 0 is 1904-01-01.
 */
export function serialToDate(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial)) return undefined;
  const day = Math.floor(serial + 1e-9);
  let ms: number;
  if (date1904) {
    if (day < 0 || day > MAX_SERIAL - 1462) return undefined;
    ms = Date.UTC(1904, 0, 1) + day * MS_PER_DAY;
  } else {
    if (day < 1 || day > MAX_SERIAL || day === 60) return undefined;
    ms = Date.UTC(1899, 11, day < 60 ? 31 : 30) + day * MS_PER_DAY;
  }
  return new Date(ms).toISOString().slice(0, 10);
}

/** yyyy-mm-dd as a 1900-system serial (for tests and writers). */
export function dateToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const days = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / MS_PER_DAY);
  return days < 61 ? days - (days < 60 ? 0 : 1) : days;
}

/**
 * A date cell: an Excel serial, or text such as 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日,
 * 20240305, 2024-03-05 08:00:00 or a serial stored as text. Empty → ''.
 */
export function parseDateCell(v: RawCell | undefined, date1904 = false): Parsed<string> {
  if (isCellError(v)) return bad('error');
  if (isBlank(v)) return ok('');
  if (typeof v === 'number') {
    const d = serialToDate(v, date1904);
    return d ? ok(d) : bad('date');
  }
  if (typeof v !== 'string') return bad('date');
  const s = toHalfWidth(v).trim().replace(/\s+/g, ' ');
  // A time after the date (2024-03-05 08:00, 2024-03-05T08:00:00Z) is dropped.
  const datePart = s.replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '').trim();
  const direct = normalizeDate(datePart);
  if (direct) return ok(direct);
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(datePart);
  if (compact) {
    const d = normalizeDate(`${compact[1]}-${compact[2]}-${compact[3]}`);
    if (d) return ok(d);
  }
  if (/^\d{4,7}(\.\d+)?$/.test(datePart)) {
    const d = serialToDate(Number(datePart), date1904);
    if (d && Number(datePart) >= 3653) return ok(d); // ≥ 1910: a four-digit year alone is not a serial
  }
  return bad('date');
}

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '✔', '有', '涉及', '含']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '×', '✗', '✘', 'X', '无', '不涉及', '不含']);

/** 是/否 (also Y/N, yes/no, TRUE/FALSE, 1/0, √/×); empty → ''. */
export function parseYesNo(v: RawCell | undefined): Parsed<'' | '是' | '否'> {
  if (isCellError(v)) return bad('error');
  if (typeof v === 'boolean') return ok(v ? '是' : '否');
  if (isBlank(v)) return ok('');
  const s = cellText(v).replace(/\s+/g, '').toUpperCase();
  if (YES.has(s)) return ok('是');
  if (NO.has(s)) return ok('否');
  return bad('yesno');
}

const CN_DIGITS: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4', 五: '5' };

/** The key a code-list value is compared by: half-width, no spaces, 一般数据三级 → 一般数据3级. */
function codeKey(s: string): string {
  return toHalfWidth(s)
    .normalize('NFC')
    .replace(/\s+/g, '')
    .replace(/^一般数据([一二三四])级$/, (_, d: string) => `一般数据${CN_DIGITS[d]}级`)
    .replace(/^一般([1-4])级$/, '一般数据$1级')
    .toUpperCase();
}

const listKeys = new WeakMap<readonly string[], Map<string, string>>();
function keysOf(list: readonly string[]): Map<string, string> {
  let m = listKeys.get(list);
  if (!m) {
    m = new Map(list.map((x) => [codeKey(x), x]));
    listKeys.set(list, m);
  }
  return m;
}

const rawKeys = new WeakMap<readonly string[], Map<string, string | null>>();

/** The list's own spelling of a value, or undefined. */
export function matchCode(list: readonly string[], raw: string): string | undefined {
  let memo = rawKeys.get(list);
  if (!memo) rawKeys.set(list, (memo = new Map()));
  const hit = memo.get(raw);
  if (hit !== undefined) return hit ?? undefined;
  const m = keysOf(list).get(codeKey(raw));
  if (memo.size < 10_000) memo.set(raw, m ?? null);
  return m;
}

/** One value of a closed list; empty → ''. */
export function parseCode(v: RawCell | undefined, list: readonly string[]): Parsed<string> {
  if (isCellError(v)) return bad('error');
  if (isBlank(v)) return ok('');
  const m = matchCode(list, cellText(v));
  return m === undefined ? bad('list') : ok(m);
}

/** One or more values of a closed list joined by 、 (also , ， ; ；), stored in the list's order. */
export function parseMulti(v: RawCell | undefined, list: readonly string[]): Parsed<string> & { unknown?: string[] } {
  if (isCellError(v)) return bad('error');
  if (isBlank(v)) return ok('');
  const parts = splitMulti(cellText(v).replace(/[/／|]/g, '、'));
  const found = new Set<string>();
  const unknown: string[] = [];
  for (const p of parts) {
    const m = matchCode(list, p);
    if (m === undefined) unknown.push(p);
    else found.add(m);
  }
  if (unknown.length > 0) return { ok: false, reason: 'list', unknown };
  return ok(list.filter((x) => found.has(x)).join('、'));
}

/**
 * 数据载体: a kind of the list followed by the system's name, as 数据库：医院信息系统,
 * 数据库（医院信息系统）, 数据库 医院信息系统 or 数据库/医院信息系统. Empty → both ''.
 */
export function parseCarrier(v: RawCell | undefined, kinds: readonly string[]): Parsed<{ kind: string; system: string }> {
  if (isCellError(v)) return bad('error');
  if (isBlank(v)) return ok({ kind: '', system: '' });
  const s = cellText(v);
  for (const k of kinds) {
    if (!s.startsWith(k)) continue;
    let rest = s.slice(k.length).trim();
    const wrapped = /^\((.*)\)$/.exec(rest);
    if (wrapped && !/[()]/.test(wrapped[1]!.replace(/\([^()]*\)/g, ''))) rest = wrapped[1]!;
    else rest = rest.replace(/^[:：、,，;；/／|\-—–\s]+/, '');
    return ok({ kind: k, system: rest.trim() });
  }
  return bad('list');
}

/** How 数据载体 is written on export: 数据库：医院信息系统 (or the kind alone). */
export function formatCarrier(kind: string, system: string): string {
  if (!kind) return system;
  return system ? `${kind}：${system}` : kind;
}
