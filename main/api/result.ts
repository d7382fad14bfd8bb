/** The envelope every API answer travels in: errors are data, never exceptions or stack traces. */
import type { ErrorInfo } from '../domain/errors';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ErrorInfo): Result<never> => ({ ok: false, error });
