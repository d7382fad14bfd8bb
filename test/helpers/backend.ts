/**
 * In-process backends for integration tests: a temp folder per test file, a typed client,
 * `call` (expects ok) and `fail` (expects an error envelope), and disposal after each test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createInProcessBackend } from '../../main/backend/backend';
import type { Channel, ChannelInput, ChannelOutput } from '../../main/api/contract';
import type { ErrorInfo } from '../../main/domain/errors';
import { tempDir } from './tmp';

/** A passphrase with non-ASCII characters, long enough for checkPassphrase. */
export const PASS = '正确的口令 horse-battery';

export { VALID_PROFILE } from './fixtures';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public t = Date.UTC(2026, 0, 5, 1, 0, 0)) {}
  now = (): Date => new Date(this.t);
  advanceMinutes(m: number): void {
    this.t += m * 60_000;
  }
}

export interface TestApp {
  backend: ReturnType<typeof createInProcessBackend>;
  configDir: string;
  /** Invoke a channel and return its value; throws (failing the test) on an error envelope. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Invoke a channel that must fail; returns the error envelope. */
  fail(channel: string, input: unknown): Promise<ErrorInfo>;
}

export interface AppFactory {
  root: string;
  /** A fresh absolute path for a workspace file (not created). */
  wsPath(name?: string): string;
  app(opts?: { now?: () => Date; idleCheckMs?: number; configDir?: string; payloadWorker?: string }): TestApp;
}

let counter = 0;

/** Call at the top level of a test file. */
export function appFactory(prefix = 'ds-int-'): AppFactory {
  const root = tempDir(prefix);
  const live: TestApp['backend'][] = [];
  afterEach(async () => {
    for (const b of live.splice(0)) await b.dispose();
  });
  return {
    root,
    wsPath(name = 'ws') {
      const dir = fs.mkdtempSync(path.join(root, 'w-'));
      return path.join(dir, `${name}-${++counter}.dsw`);
    },
    app(opts = {}) {
      const configDir = opts.configDir ?? fs.mkdtempSync(path.join(root, 'cfg-'));
      const backend = createInProcessBackend({
        appVersion: '0.1.0-test',
        configDir,
        host: 'cli',
        defaultWorkspaceDir: root,
        idleCheckMs: opts.idleCheckMs ?? 0,
        osUser: 'tester',
        log: () => {},
        ...(opts.now ? { now: opts.now } : {}),
        ...(opts.payloadWorker ? { payloadWorker: opts.payloadWorker } : {}),
      });
      live.push(backend);
      return {
        backend,
        configDir,
        async call(channel, input) {
          const r = await backend.invoke(channel, input, { via: 'test' });
          if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
          return r.value as never;
        },
        async fail(channel, input) {
          const r = await backend.invoke(channel, input, { via: 'test' });
          if (r.ok) throw new Error(`${channel} unexpectedly succeeded: ${JSON.stringify(r.value)}`);
          return r.error;
        },
      };
    },
  };
}
