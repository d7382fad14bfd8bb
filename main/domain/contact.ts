/** Phone, e-mail and date checks for the fields officers type by hand. */
import { toHalfWidth } from './text';

/** Strip spaces, full-width digits and a +86 / 0086 country prefix. */
export function normalizePhone(raw: string): string {
  let s = toHalfWidth(raw).replace(/[\s()（）]/g, '').replace(/[‐‑–—]/g, '-');
  s = s.replace(/^(\+86|0086)-?/, '');
  return s;
}

const MOBILE = /^1[3-9]\d{9}$/;
/** Area code 0xx or 0xxx, a 7–8 digit number, an optional extension. */
const LANDLINE = /^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$/;
/** Service numbers such as 12345 hotlines are not personal contacts; they do not pass. */

export function isMainlandPhone(raw: string): boolean {
  const s = normalizePhone(raw);
  return MOBILE.test(s) || LANDLINE.test(s);
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmail(raw: string): boolean {
  const s = toHalfWidth(raw).trim();
  return s.length <= 254 && EMAIL.test(s) && !s.includes('..');
}

/** A real calendar date written yyyy-mm-dd (also accepts yyyy/mm/dd and yyyy.mm.dd). */
export function normalizeDate(raw: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(toHalfWidth(raw).trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  if (y < 1900 || y > 2200) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
