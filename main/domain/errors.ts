/** Domain errors: a stable code and a message in Chinese and English, safe to show to a user. */

export interface ErrorInfo {
  code: string;
  message_zh: string;
  message_en: string;
  details?: unknown;
}

export class DomainError extends Error implements ErrorInfo {
  readonly code: string;
  readonly message_zh: string;
  readonly message_en: string;
  readonly details?: unknown;

  constructor(code: string, message_zh: string, message_en: string, details?: unknown) {
    super(`${code}: ${message_en}`);
    this.name = 'DomainError';
    this.code = code;
    this.message_zh = message_zh;
    this.message_en = message_en;
    this.details = details;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message_zh: this.message_zh, message_en: this.message_en };
    if (this.details !== undefined) info.details = this.details;
    return info;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
