/**
 * Recognisers: spot personal and sensitive personal information from a field's name, code and
 * description, and from sample values. The words, weights and thresholds are data (a recogniser
 * pack, resources/recognizers/*.json, or one a user adds); the value detectors with their
 * checksums are code, because a checksum is not a matter of opinion.
 *
 * Sample values pass through scanSamples and are never returned or kept: only counts come out.
 */
import { z } from 'zod';
import { LEVELS_43697, type Level } from './code-lists';
import { checkResidentId, luhnValid } from './checksums';
import { isEmail, isMainlandPhone, normalizePhone } from './contact';
import { maxLevel } from './levels';
import { checkUscc } from './uscc';
import { toHalfWidth } from './text';

export const RECOGNIZER_PACK_FORMAT = 'datasteward-recognizers/1';

/**
 * Personal-information categories of GB/T 43697 Annex B. [M] The brief had the gist only
 * ("about 15"); the names follow GB/T 35273 Annex A where the two overlap. A pack may only use these.
 */
export const PI_CATEGORIES = [
  '个人基本资料', '个人身份信息', '个人生物识别信息', '网络身份标识信息', '个人健康生理信息', '个人教育工作信息',
  '个人财产信息', '身份鉴别信息', '个人通信信息', '联系人信息', '个人上网记录', '个人设备信息', '个人位置信息',
  '个人标签信息', '个人运动信息', '其他个人信息',
] as const;
export type PiCategory = (typeof PI_CATEGORIES)[number];

/** Value detectors the engine implements; a pack refers to them by name. */
export const DETECTOR_NAMES = [
  'cn_resident_id', 'uscc', 'cn_mobile', 'cn_landline', 'bank_card', 'cn_passport', 'cn_exit_permit',
  'hk_macau_resident_permit', 'taiwan_resident_permit', 'email', 'cn_plate', 'ipv4', 'pattern',
] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];

// ---------------------------------------------------------------------------------------------
// Pack format

/** A word with its weight: how sure a match alone makes us (0–1). A bare string weighs the default. */
const term = z.union([
  z.string().min(1).max(60),
  z.strictObject({ text: z.string().min(1).max(60), weight: z.number().min(0).max(1) }),
]);
export type RecognizerTerm = z.infer<typeof term>;

const recognizerSchema = z.strictObject({
  id: z.string().min(1).max(60).regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and underscores'),
  name: z.string().min(1).max(60),
  nameEn: z.string().min(1).max(120),
  description: z.string().max(1000).optional(),
  /** false for identifiers that are not about a person (the USCC of an organisation). */
  personalInfo: z.boolean(),
  /** GB/T 43697 Annex B category; required when personalInfo. */
  category: z.enum(PI_CATEGORIES).optional(),
  /** Sensitive personal information (PIPL art. 28). */
  sensitive: z.boolean(),
  /** The level a hit suggests (a floor, like a scheme's floor rule). */
  level: z.enum(LEVELS_43697).optional(),
  names: z.strictObject({
    /** Words written in Chinese (matched inside the item name and description). */
    words: z.array(term).max(200).default([]),
    /** Column codes in pinyin initials or English (matched as whole tokens of the item code or name). */
    codes: z.array(term).max(200).default([]),
    /** Words that make a match more likely (患者, 居民 …). */
    context: z.array(z.string().min(1).max(60)).max(100).default([]),
    /** Words in the item name or code that rule this recogniser out (医院名称 is not a person's 姓名). */
    exclude: z.array(z.string().min(1).max(60)).max(200).default([]),
  }),
  /** Least field-name score for a hit; default: the pack's. */
  minScore: z.number().min(0).max(1).optional(),
  detector: z
    .strictObject({
      name: z.enum(DETECTOR_NAMES),
      /** For 'pattern': a regular expression the whole value must match (case-insensitive). */
      pattern: z.string().min(1).max(200).optional(),
      /** Share of non-blank samples that must match; default: the pack's. */
      threshold: z.number().gt(0).max(1).optional(),
      /**
       * The values say nothing without the field name (an 8-digit number, a hospital's record
       * number): scanSamples runs this detector only when the caller asks for it by id.
       */
      contextOnly: z.boolean().optional(),
      /** For 'bank_card': accept only numbers starting with one of these issuer prefixes (BIN). */
      prefixes: z.array(z.string().regex(/^\d{1,8}$/)).max(500).optional(),
    })
    .optional(),
});

export const recognizerPackSchema = z.strictObject({
  format: z.literal(RECOGNIZER_PACK_FORMAT),
  id: z.string().min(1).max(60).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  name: z.string().min(1).max(100),
  nameEn: z.string().max(200).optional(),
  version: z.number().int().min(1),
  source: z.string().max(3000).optional(),
  defaults: z
    .strictObject({
      minScore: z.number().min(0).max(1).default(0.6),
      sampleThreshold: z.number().gt(0).max(1).default(0.6),
      /** Fewer non-blank samples than this never make a hit: two values prove nothing. */
      minSamples: z.number().int().min(1).max(10_000).default(5),
      /** Weight of a word or code given as a bare string. */
      termWeight: z.number().min(0).max(1).default(0.9),
      /** Added once when a context word is present. */
      contextBonus: z.number().min(0).max(1).default(0.15),
    })
    .default({ minScore: 0.6, sampleThreshold: 0.6, minSamples: 5, termWeight: 0.9, contextBonus: 0.15 }),
  recognizers: z.array(recognizerSchema).min(1).max(500),
});

export type RecognizerPack = z.output<typeof recognizerPackSchema>;
export type Recognizer = RecognizerPack['recognizers'][number];

export interface PackProblem {
  path: string;
  message_zh: string;
  message_en: string;
}

/**
 * Parse and check a recogniser pack: the shape (zod) and what the shape cannot say: unique ids,
 * a category on every PI recogniser, sensitive implies PI, a pattern that compiles where one is
 * needed and nowhere else.
 */
export function parseRecognizerPack(raw: unknown): { ok: true; pack: RecognizerPack } | { ok: false; problems: PackProblem[] } {
  const r = recognizerPackSchema.safeParse(raw);
  if (!r.success) {
    return {
      ok: false,
      problems: r.error.issues.slice(0, 50).map((i) => ({
        path: i.path.join('.'),
        message_zh: `格式不符：${i.message}`,
        message_en: `Malformed: ${i.message}`,
      })),
    };
  }
  const problems: PackProblem[] = [];
  const seen = new Set<string>();
  r.data.recognizers.forEach((rec, i) => {
    const p = `recognizers[${i}]`;
    if (seen.has(rec.id)) problems.push({ path: p, message_zh: `识别器编号 ${rec.id} 重复`, message_en: `Recogniser id ${rec.id} is used twice` });
    seen.add(rec.id);
    if (rec.personalInfo && !rec.category)
      problems.push({ path: `${p}.category`, message_zh: `个人信息识别器 ${rec.id} 须注明个人信息类别`, message_en: `Recogniser ${rec.id} finds personal information and needs a category` });
    if (rec.sensitive && !rec.personalInfo)
      problems.push({ path: `${p}.sensitive`, message_zh: `识别器 ${rec.id}：敏感个人信息必然是个人信息`, message_en: `Recogniser ${rec.id}: sensitive personal information is personal information` });
    if (rec.names.words.length + rec.names.codes.length === 0 && !rec.detector)
      problems.push({ path: p, message_zh: `识别器 ${rec.id} 既无字段名词语也无取值检测`, message_en: `Recogniser ${rec.id} has neither field-name words nor a value detector` });
    const d = rec.detector;
    if (d) {
      if (d.name === 'pattern') {
        if (!d.pattern) problems.push({ path: `${p}.detector.pattern`, message_zh: `识别器 ${rec.id} 的 pattern 检测须给出正则表达式`, message_en: `Recogniser ${rec.id}: the 'pattern' detector needs a pattern` });
        else if (!compilePattern(d.pattern))
          problems.push({ path: `${p}.detector.pattern`, message_zh: `识别器 ${rec.id} 的正则表达式无法解析`, message_en: `Recogniser ${rec.id}: the pattern is not a valid regular expression` });
      } else if (d.pattern) {
        problems.push({ path: `${p}.detector.pattern`, message_zh: `识别器 ${rec.id}：只有 pattern 检测使用正则表达式`, message_en: `Recogniser ${rec.id}: only the 'pattern' detector takes a pattern` });
      }
      if (d.prefixes && d.name !== 'bank_card')
        problems.push({ path: `${p}.detector.prefixes`, message_zh: `识别器 ${rec.id}：只有 bank_card 检测使用卡号前缀`, message_en: `Recogniser ${rec.id}: only the 'bank_card' detector takes prefixes` });
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, pack: r.data };
}

function compilePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 'i');
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Value detectors. Each takes one value already converted to half-width and trimmed.

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
/** toHalfWidth, skipped when there is nothing to convert (the common case, and this runs per field and per sample). */
const half = (s: string) => (FULL_WIDTH.test(s) ? toHalfWidth(s) : s);
/** The form words and field text are compared in. */
const norm = (s: string) => half(s).normalize('NFC').trim().toLowerCase();

/** Drop the separators people type inside numbers. */
const compact = (v: string) => v.replace(/[\s\-‐‑–—.·]/g, '');

const MOBILE = /^1[3-9]\d{9}$/;
/**
 * Passports [C: public implementations and explanatory pages agree]: E+8 digits (e-passport until
 * 2017), E+letter (no I/O)+7 digits (from 2017), G+8 and 14/15+7 (older ordinary), P/PE+7 (public
 * affairs), S/SE+7 and S+8 (service), D/DE+7 and D+8 (diplomatic), K/KJ (HKSAR), MA+7 (MSAR).
 */
const PASSPORT = /^(?:E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8}|1[45]\d{7}|PE?\d{7}|SE?\d{7}|S\d{8}|DE?\d{7}|D\d{8}|K\d{8}|KJ\d{7}|MA\d{7})$/;
/**
 * Mainland residents' travel permits. 往来港澳通行证: C+8 digits (card, 2014–) [C]; C+letter+7
 * digits once the digits ran out, and W+8 digits (booklet) [M]. 往来台湾通行证: L+8 digits (card, 2015–) [M].
 */
const EXIT_PERMIT = /^(?:C\d{8}|C[A-HJ-NP-Z]\d{7}|W\d{8}|L\d{8})$/;
/** 港澳居民来往内地通行证: H (Hong Kong) / M (Macau) + 8 digits, or + 10 digits on older cards (two digits count renewals) [C]. */
const HK_MACAU_RESIDENT_PERMIT = /^[HM](?:\d{8}|\d{10})$/;
/** 台湾居民来往大陆通行证: 8 digits (card, 2015–), 10 on older booklets [C]. Indistinguishable from other numbers: contextOnly in the default pack. */
const TAIWAN_RESIDENT_PERMIT = /^(?:\d{8}|\d{10})$/;
/**
 * Licence plates (GA 36): province abbreviation, the issuing office's letter (no I/O), then 5
 * characters, a 挂/学/警/港/澳/领 suffix allowed; new-energy plates have 6: D/F + letter-or-digit + 4
 * digits (small cars) or 5 digits + D/F (large vehicles).
 */
const PLATE = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z](?:[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳领试超]|[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF])$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function isResidentIdValue(v: string): boolean {
  return checkResidentId(compact(v)).valid;
}
export function isUsccValue(v: string): boolean {
  return checkUscc(v).valid;
}
export function isMobileValue(v: string): boolean {
  return MOBILE.test(normalizePhone(v).replace(/-/g, ''));
}
/** A landline with area code (contact.ts rule), and not a mobile number. */
export function isLandlineValue(v: string): boolean {
  return !isMobileValue(v) && isMainlandPhone(v);
}
/** 16–19 digits with a right Luhn digit; optionally one of the given issuer prefixes. */
export function isBankCardValue(v: string, prefixes?: readonly string[]): boolean {
  const c = compact(v);
  if (!/^\d{16,19}$/.test(c) || !luhnValid(c)) return false;
  return !prefixes || prefixes.length === 0 || prefixes.some((p) => c.startsWith(p));
}
export function isPassportValue(v: string): boolean {
  return PASSPORT.test(compact(v).toUpperCase());
}
export function isExitPermitValue(v: string): boolean {
  return EXIT_PERMIT.test(compact(v).toUpperCase());
}
export function isHkMacauResidentPermitValue(v: string): boolean {
  return HK_MACAU_RESIDENT_PERMIT.test(compact(v).toUpperCase());
}
export function isTaiwanResidentPermitValue(v: string): boolean {
  return TAIWAN_RESIDENT_PERMIT.test(compact(v));
}
export function isEmailValue(v: string): boolean {
  return isEmail(v);
}
export function isPlateValue(v: string): boolean {
  return PLATE.test(v.replace(/[\s·•.\-]/g, '').toUpperCase());
}
export function isIpv4Value(v: string): boolean {
  return IPV4.test(v);
}

type Detector = (v: string) => boolean;

const FIXED_DETECTORS: Record<Exclude<DetectorName, 'pattern' | 'bank_card'>, Detector> = {
  cn_resident_id: isResidentIdValue,
  uscc: isUsccValue,
  cn_mobile: isMobileValue,
  cn_landline: isLandlineValue,
  cn_passport: isPassportValue,
  cn_exit_permit: isExitPermitValue,
  hk_macau_resident_permit: isHkMacauResidentPermitValue,
  taiwan_resident_permit: isTaiwanResidentPermitValue,
  email: isEmailValue,
  cn_plate: isPlateValue,
  ipv4: isIpv4Value,
};

/** One value against one built-in detector ('pattern' needs a pack: use scanSamples). */
export function detectValue(name: Exclude<DetectorName, 'pattern'>, value: string): boolean {
  const v = half(value).trim();
  return name === 'bank_card' ? isBankCardValue(v) : FIXED_DETECTORS[name](v);
}

/** Longer values are not identifiers; skipping them also bounds the cost of a user's pattern. */
const MAX_VALUE_LENGTH = 256;

function detectorFor(rec: Recognizer): Detector | undefined {
  const d = rec.detector;
  if (!d) return undefined;
  if (d.name === 'pattern') {
    const re = d.pattern ? compilePattern(d.pattern) : undefined;
    return re ? (v) => re.test(v) : undefined;
  }
  if (d.name === 'bank_card') {
    const prefixes = d.prefixes;
    return (v) => isBankCardValue(v, prefixes);
  }
  return FIXED_DETECTORS[d.name];
}

// ---------------------------------------------------------------------------------------------
// Values inside free text (for the quality check of 数据描述, which must never hold real values)

/** Detectors findValueKinds can look for inside running text. */
export const TEXT_VALUE_KINDS = ['cn_resident_id', 'cn_mobile', 'cn_landline', 'bank_card', 'email', 'uscc', 'cn_passport', 'cn_plate'] as const;
export type TextValueKind = (typeof TEXT_VALUE_KINDS)[number];

/** Candidate substrings per kind; each candidate is then checked by the detector (checksums included). */
const TEXT_CANDIDATES: Record<TextValueKind, RegExp> = {
  cn_resident_id: /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g,
  cn_mobile: /(?<![0-9])(?:\+86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9])/g,
  // In prose a landline needs its hyphen: a bare 11–12 digit run is more likely a count or an ID.
  cn_landline: /(?<![0-9])0\d{2,3}-[2-9]\d{6,7}(?![0-9])/g,
  bank_card: /(?<![0-9])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![0-9])/g,
  email: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
  uscc: /(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}(?![0-9A-Za-z])/g,
  cn_passport: /(?<![0-9A-Za-z])[A-Z]{1,2}\d{7,8}(?![0-9A-Za-z])/g,
  cn_plate: /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][·• ]?[A-Z0-9]{4,5}[A-Z0-9挂学警港澳领试超]/g,
};
const TEXT_CHECK: Record<TextValueKind, Detector> = {
  cn_resident_id: isResidentIdValue,
  cn_mobile: isMobileValue,
  cn_landline: isLandlineValue,
  bank_card: (v) => isBankCardValue(v),
  email: isEmailValue,
  uscc: isUsccValue,
  cn_passport: isPassportValue,
  cn_plate: isPlateValue,
};
/** Every kind but the plate has four digits in a row or an @; plates are found by their province character. */
const TEXT_PREFILTER = /\d{4}|@/;
const PLATE_PREFILTER = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z]/;

/**
 * Which kinds of real values a free text seems to contain (never the values themselves).
 * Cheap on the usual text without long digit runs: one regular-expression test.
 */
export function findValueKinds(text: string, kinds: readonly TextValueKind[]): TextValueKind[] {
  if (!text) return [];
  // Full-width digits (pasted from Word) become ASCII first.
  const s = half(text);
  if (!TEXT_PREFILTER.test(s) && !PLATE_PREFILTER.test(s)) return [];
  const found: TextValueKind[] = [];
  for (const kind of kinds) {
    const re = TEXT_CANDIDATES[kind];
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      if (TEXT_CHECK[kind](m[0])) {
        found.push(kind);
        break;
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Field names

interface CompiledTerm {
  text: string;
  weight: number;
  /** CJK or other non-ASCII: matched as a substring. ASCII: matched as a run of tokens. */
  ascii: boolean;
  /** ASCII: the letters and digits only, lower case ('id_card' → 'idcard'). Otherwise the normalised text. */
  joined: string;
}

interface CompiledRecognizer {
  rec: Recognizer;
  /** Position in the pack: hits of equal score keep the pack's order. */
  index: number;
  minScore: number;
  detector: Detector | undefined;
  threshold: number;
}

type Role = 'term' | 'context' | 'exclude';
interface IndexedTerm {
  cr: CompiledRecognizer;
  role: Role;
  term: CompiledTerm;
}

interface CompiledPack {
  byId: Map<string, CompiledRecognizer>;
  list: CompiledRecognizer[];
  /** ASCII words by their joined form: a field's token runs are looked up here. */
  ascii: Map<string, IndexedTerm[]>;
  asciiMaxLength: number;
  /** Other words by their first character: a field's text is scanned once, not once per word. */
  cjk: Map<string, IndexedTerm[]>;
}

const ASCII_ONLY = /^[\x20-\x7e]+$/;

function compileTerm(t: RecognizerTerm, defaultWeight: number): CompiledTerm {
  const text = typeof t === 'string' ? t : t.text;
  const weight = typeof t === 'string' ? defaultWeight : t.weight;
  const n = norm(text);
  const ascii = ASCII_ONLY.test(n);
  return { text, weight, ascii, joined: ascii ? n.replace(/[^a-z0-9]/g, '') : n };
}

// Packs are immutable once parsed: compile each once (regexes, word index) and remember it.
const compiledPacks = new WeakMap<RecognizerPack, CompiledPack>();

function compile(pack: RecognizerPack): CompiledPack {
  let c = compiledPacks.get(pack);
  if (c) return c;
  const d = pack.defaults;
  const ascii = new Map<string, IndexedTerm[]>();
  const cjk = new Map<string, IndexedTerm[]>();
  let asciiMaxLength = 0;
  const add = (cr: CompiledRecognizer, role: Role, term: CompiledTerm) => {
    if (!term.joined) return;
    const map = term.ascii ? ascii : cjk;
    const key = term.ascii ? term.joined : term.joined[0]!;
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    list.push({ cr, role, term });
    if (term.ascii) asciiMaxLength = Math.max(asciiMaxLength, term.joined.length);
  };
  const list = pack.recognizers.map((rec, index) => {
    const terms = [...rec.names.words, ...rec.names.codes];
    const cr: CompiledRecognizer = {
      rec,
      index,
      minScore: rec.minScore ?? d.minScore,
      detector: detectorFor(rec),
      threshold: rec.detector?.threshold ?? d.sampleThreshold,
    };
    for (const t of terms) add(cr, 'term', compileTerm(t, d.termWeight));
    for (const t of rec.names.context) add(cr, 'context', compileTerm(t, 0));
    for (const t of rec.names.exclude) add(cr, 'exclude', compileTerm(t, 0));
    return cr;
  });
  c = { byId: new Map(list.map((x) => [x.rec.id, x])), list, ascii, asciiMaxLength, cjk };
  compiledPacks.set(pack, c);
  return c;
}

/**
 * Split a column code or name into lower-case tokens: camelCase, snake_case, kebab-case,
 * letters against digits ('patientIdNo' → patient, id, no; 'sfz1' → sfz, 1). Non-ASCII text
 * separates tokens ('患者ID' → id).
 */
export function codeTokens(s: string): string[] {
  if (!/[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/.test(s)) return [];
  const spaced = half(s)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2');
  return spaced.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

export interface FieldNameInput {
  itemName?: string | undefined;
  itemCode?: string | undefined;
  description?: string | undefined;
}

export interface NameHit {
  recognizerId: string;
  basis: 'name';
  /** 0–1; at least the recogniser's minScore, or it is not a hit. */
  score: number;
  /** The pack's words and codes that matched (field-name words, never data values). */
  matched: string[];
  /** Context words that raised the score. */
  context: string[];
}

/** Where a word was found: in the item name, the item code, or only the description. */
type Where = 'name' | 'code' | 'desc';

interface MatchState {
  cr: CompiledRecognizer;
  /** Best score of a non-ASCII word, and of an ASCII one (an exclusion in the code drops the latter). */
  best: number;
  asciiBest: number;
  matched: string[];
  asciiMatched: string[];
  context: string[];
  excludedByName: boolean;
  excludedByCode: boolean;
}

const pushUnique = (list: string[], s: string) => {
  if (!list.includes(s)) list.push(s);
};

/**
 * Which recognisers the field's name, code and description point to, best first. Score: the
 * best matching word's weight (+0.1 when it is the whole name or code; half when only the
 * description has it), plus the context bonus once, capped at 1.
 *
 * Exclusions look at the name and code only: a description may mention anything. One found in
 * the item name (the officer's own label) rules the recogniser out; one found only in the code
 * rules out the code's matches: 'org_contact_name' named 单位联系人姓名 is still a person's name.
 */
export function matchFieldName(pack: RecognizerPack, input: FieldNameInput): NameHit[] {
  const c = compile(pack);
  const rawName = input.itemName ?? '';
  const rawCode = input.itemCode ?? '';
  const rawDesc = input.description ?? '';
  if (!rawName.trim() && !rawCode.trim() && !rawDesc.trim()) return [];

  const states: (MatchState | undefined)[] = [];
  const stateOf = (cr: CompiledRecognizer): MatchState =>
    (states[cr.index] ??= { cr, best: 0, asciiBest: 0, matched: [], asciiMatched: [], context: [], excludedByName: false, excludedByCode: false });
  const visit = (it: IndexedTerm, where: Where, whole: boolean) => {
    const st = stateOf(it.cr);
    if (it.role === 'exclude') {
      if (where === 'name') st.excludedByName = true;
      else if (where === 'code') st.excludedByCode = true;
      return;
    }
    if (it.role === 'context') return pushUnique(st.context, it.term.text);
    const w = it.term.weight;
    const score = whole ? Math.min(1, w + 0.1) : where === 'desc' ? w * 0.5 : w;
    if (it.term.ascii) {
      if (score > st.asciiBest) st.asciiBest = score;
      pushUnique(st.asciiMatched, it.term.text);
    } else {
      if (score > st.best) st.best = score;
      pushUnique(st.matched, it.term.text);
    }
  };

  // ASCII words: every run of consecutive tokens, looked up by its spelling ('id','card' ~ 'idcard').
  const scanTokens = (tokens: readonly string[], where: Where) => {
    for (let i = 0; i < tokens.length; i++) {
      let acc = '';
      for (let j = i; j < tokens.length; j++) {
        acc += tokens[j];
        if (acc.length > c.asciiMaxLength) break;
        const found = c.ascii.get(acc);
        if (found) for (const it of found) visit(it, where, where !== 'desc' && i === 0 && j === tokens.length - 1);
      }
    }
  };
  // Other words: substrings, found by their first character.
  const scanText = (text: string, where: Where) => {
    for (let i = 0; i < text.length; i++) {
      const found = c.cjk.get(text[i]!);
      if (!found) continue;
      for (const it of found)
        if (text.startsWith(it.term.joined, i)) visit(it, where, where !== 'desc' && i === 0 && it.term.joined.length === text.length);
    }
  };

  if (rawName) {
    scanText(norm(rawName), 'name');
    scanTokens(codeTokens(rawName), 'name');
  }
  // A code written in Chinese is a label like the name; an ASCII code is tokens.
  const code = half(rawCode);
  if (ASCII_ONLY.test(code)) scanTokens(codeTokens(code), 'code');
  else if (code) scanText(norm(code), 'name');
  if (rawDesc) {
    scanText(norm(rawDesc), 'desc');
    scanTokens(codeTokens(rawDesc), 'desc');
  }

  const hits: NameHit[] = [];
  for (const st of states) {
    if (!st || st.excludedByName) continue;
    const ascii = st.excludedByCode ? 0 : st.asciiBest;
    const best = Math.max(st.best, ascii);
    if (best === 0) continue;
    const score = Math.round(Math.min(1, best + (st.context.length ? pack.defaults.contextBonus : 0)) * 100) / 100;
    if (score < st.cr.minScore) continue;
    const matched = st.excludedByCode ? st.matched : [...st.matched, ...st.asciiMatched];
    hits.push({ recognizerId: st.cr.rec.id, basis: 'name', score, matched, context: st.context });
  }
  // Stable: equal scores keep the pack's order.
  return hits.sort((a, b) => b.score - a.score);
}

// ---------------------------------------------------------------------------------------------
// Samples

export interface SampleResult {
  recognizerId: string;
  basis: 'sample';
  /** Non-blank samples the detector accepted. */
  matched: number;
  /** Non-blank samples looked at. */
  total: number;
  ratio: number;
  threshold: number;
  /** ratio ≥ threshold and at least the pack's minSamples non-blank samples. */
  hit: boolean;
}

/**
 * Run the value detectors over sample values and count. Blank samples do not count (an empty
 * cell is no evidence either way). Without recognizerIds every recogniser with a detector runs,
 * except the contextOnly ones, which run only when named (typically after a field-name hit).
 * Samples are neither returned nor kept.
 */
export function scanSamples(pack: RecognizerPack, recognizerIds: readonly string[] | undefined, samples: readonly string[]): SampleResult[] {
  const c = compile(pack);
  const selected = recognizerIds
    ? recognizerIds.map((id) => c.byId.get(id)).filter((x): x is CompiledRecognizer => Boolean(x?.detector))
    : c.list.filter((x) => x.detector && !x.rec.detector?.contextOnly);
  // Normalise each sample once, not once per detector.
  const values: string[] = [];
  for (const s of samples) {
    if (typeof s !== 'string') continue;
    const v = half(s).trim();
    if (v) values.push(v);
  }
  const total = values.length;
  return selected.map((cr) => {
    let matched = 0;
    for (const v of values) if (v.length <= MAX_VALUE_LENGTH && cr.detector!(v)) matched++;
    return judge(pack, cr, matched, total);
  });
}

function judge(pack: RecognizerPack, cr: CompiledRecognizer, matched: number, total: number): SampleResult {
  const ratio = total ? Math.round((matched / total) * 10_000) / 10_000 : 0;
  return { recognizerId: cr.rec.id, basis: 'sample', matched, total, ratio, threshold: cr.threshold, hit: total >= pack.defaults.minSamples && ratio >= cr.threshold };
}

/** A recogniser by id (O(1): packs are indexed once). Has personalInfo, sensitive and level for grading. */
export function findRecognizer(pack: RecognizerPack, recognizerId: string): Recognizer | undefined {
  return compile(pack).byId.get(recognizerId)?.rec;
}

/**
 * A SampleResult again from stored counts (the recognizer_hit table keeps matched and total, not
 * the threshold): the hit is re-judged against the pack's current threshold, so changing a
 * threshold in the pack changes the verdict without rescanning.
 */
export function sampleResultFromCounts(pack: RecognizerPack, counts: { recognizerId: string; matched: number; total: number }): SampleResult | undefined {
  const cr = compile(pack).byId.get(counts.recognizerId);
  return cr?.detector ? judge(pack, cr, counts.matched, counts.total) : undefined;
}

// ---------------------------------------------------------------------------------------------
// From hits to a suggestion

export interface RecognizerReason {
  recognizerId: string;
  basis: 'name' | 'sample';
  message_zh: string;
  message_en: string;
}

export interface RecognizerSuggestion {
  isPersonalInfo: boolean;
  isSensitivePersonalInfo: boolean;
  /** The highest level the firing recognisers suggest (就高从严); feed recognizerLevels to grading.suggestLevel. */
  level?: Level | undefined;
  recognizerLevels: { recognizerId: string; level: Level }[];
  /** Annex B categories of the firing PI recognisers. */
  categories: PiCategory[];
  reasons: RecognizerReason[];
}

const pct = (r: number) => `${Math.round(r * 100)}%`;

/**
 * What the hits mean for the entry. A recogniser fires on a field-name hit or a sample hit.
 * Samples that do not bear out a field-name hit are reported, but do not cancel it: masked
 * values (138****0000) fail the detector and are still personal information (就高从严).
 */
export function suggestFromHits(pack: RecognizerPack, hits: readonly (NameHit | SampleResult)[]): RecognizerSuggestion {
  const c = compile(pack);
  const firing = new Map<string, CompiledRecognizer>();
  const reasons: RecognizerReason[] = [];
  const nameHit = new Set<string>();
  for (const h of hits) {
    const cr = c.byId.get(h.recognizerId);
    if (!cr) continue;
    const r = cr.rec;
    if (h.basis === 'name') {
      if (h.score < cr.minScore) continue;
      firing.set(r.id, cr);
      nameHit.add(r.id);
      reasons.push({
        recognizerId: r.id,
        basis: 'name',
        message_zh: `字段名称符合“${r.name}”（匹配：${h.matched.join('、')}${h.context.length ? `；语境：${h.context.join('、')}` : ''}；得分 ${h.score}）`,
        message_en: `The field name points to "${r.nameEn}" (matched: ${h.matched.join(', ')}${h.context.length ? `; context: ${h.context.join(', ')}` : ''}; score ${h.score})`,
      });
    }
  }
  for (const h of hits) {
    if (h.basis !== 'sample') continue;
    const cr = c.byId.get(h.recognizerId);
    if (!cr) continue;
    const r = cr.rec;
    if (h.hit) {
      firing.set(r.id, cr);
      reasons.push({
        recognizerId: r.id,
        basis: 'sample',
        message_zh: `样本值 ${h.matched}/${h.total}（${pct(h.ratio)}）符合“${r.name}”的格式与校验，达到阈值 ${pct(h.threshold)}`,
        message_en: `${h.matched} of ${h.total} sample values (${pct(h.ratio)}) pass the "${r.nameEn}" format and check, threshold ${pct(h.threshold)}`,
      });
    } else if (nameHit.has(r.id) && h.total > 0) {
      reasons.push({
        recognizerId: r.id,
        basis: 'sample',
        message_zh: `样本值仅 ${h.matched}/${h.total}（${pct(h.ratio)}）符合“${r.name}”，未印证字段名称（可能已脱敏），请人工确认`,
        message_en: `Only ${h.matched} of ${h.total} sample values (${pct(h.ratio)}) pass "${r.nameEn}": the field name is not borne out (masked values?); please check`,
      });
    }
  }
  let isPersonalInfo = false;
  let isSensitivePersonalInfo = false;
  const recognizerLevels: { recognizerId: string; level: Level }[] = [];
  const categories: PiCategory[] = [];
  for (const cr of firing.values()) {
    const r = cr.rec;
    if (r.personalInfo) isPersonalInfo = true;
    if (r.sensitive) isSensitivePersonalInfo = true;
    if (r.level) recognizerLevels.push({ recognizerId: r.id, level: r.level });
    if (r.category && !categories.includes(r.category)) categories.push(r.category);
  }
  return { isPersonalInfo, isSensitivePersonalInfo, level: maxLevel(recognizerLevels.map((x) => x.level)), recognizerLevels, categories, reasons };
}
