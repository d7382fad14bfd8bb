/** PEM (RFC 7468) armour, strict: exactly one block with the expected label, canonical base64. */
import { cryptoError } from './errors';

const pemError = (what_en: string, what_zh: string) => cryptoError('PEM_MALFORMED', `PEM 格式不正确：${what_zh}`, `Malformed PEM: ${what_en}`);

/** Standard base64 with padding, refusing anything that does not re-encode to the same text. */
export function decodeBase64Strict(text: string): Uint8Array {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) throw new RangeError('not canonical base64');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new RangeError('not canonical base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
}

/** PEM text with 64-character lines and a final newline, as OpenSSL writes it. */
export function encodePem(label: string, der: Uint8Array): string {
  const b64 = encodeBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The DER inside the single PEM block labelled `label` (surrounding whitespace allowed, nothing else). */
export function decodePem(text: string, label: string): Uint8Array {
  const m = /^\s*-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n?-----END ([A-Z0-9 ]+)-----\s*$/.exec(text);
  if (!m) throw pemError('expected exactly one -----BEGIN/END----- block', '应当只包含一个 BEGIN/END 块');
  if (m[1] !== label || m[3] !== label) {
    throw pemError(`expected "${label}", found "${m[1]}"`, `应为 “${label}”，实际为 “${m[1]}”`);
  }
  const body = m[2]!;
  if (body.includes(':')) throw pemError('PEM headers (e.g. legacy encrypted keys) are not supported', '不支持带头部字段的 PEM（如旧式加密私钥）');
  try {
    return decodeBase64Strict(body.replace(/[ \t\r\n]+/g, ''));
  } catch {
    throw pemError('the body is not valid base64', '正文不是有效的 base64');
  }
}
