/** The datasteward command line as a user runs it: a real process on the CLI bundled from source. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll } from 'vitest';
import { bundleCli } from './bundle';

export interface CliResult {
  /** The exit code (null when the process was killed). */
  code: number | null;
  out: string;
  err: string;
}

export interface CliRunOptions {
  /** DATASTEWARD_PASSPHRASE for this run; null runs without one (and without a terminal to prompt on). */
  passphrase?: string | null;
  /** More environment for this run, applied last. */
  env?: Record<string, string>;
}

export type Cli = (args: string[], opts?: CliRunOptions) => CliResult;

/**
 * Bundles the CLI into `dir` before the file's tests (a `beforeAll`, registered where this is
 * called) and returns a runner. Every run uses `dir`/config as DATASTEWARD_CONFIG_DIR, an empty
 * stdin and, unless told otherwise, `passphrase` (null: none).
 */
export function useCli(dir: string, passphrase: string | null): Cli {
  let bundle = '';
  beforeAll(async () => {
    bundle = await bundleCli(dir);
  });
  return (args, opts = {}) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATASTEWARD_CONFIG_DIR: path.join(dir, 'config') };
    const pass = opts.passphrase === undefined ? passphrase : opts.passphrase;
    if (pass === null) delete env.DATASTEWARD_PASSPHRASE;
    else env.DATASTEWARD_PASSPHRASE = pass;
    Object.assign(env, opts.env);
    const script = `require(${JSON.stringify(bundle)}).run(process.argv.slice(1)).then(c => process.exitCode = c)`;
    const r = spawnSync(process.execPath, ['-e', script, ...args], { env, encoding: 'utf8', input: '', maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
}
