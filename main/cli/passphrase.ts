/** The passphrase for CLI commands: DATASTEWARD_PASSPHRASE, or a prompt that does not echo. */
import readline from 'node:readline';
import { UsageError } from './args';

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    let prompted = false;
    out._writeToOutput = (s: string) => {
      if (!prompted) {
        process.stderr.write(s);
        prompted = true;
      }
    };
    rl.question(question, (answer) => {
      process.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
    rl.on('SIGINT', () => {
      rl.close();
      reject(new UsageError('cancelled'));
    });
  });
}

/**
 * `env` names another variable (e.g. DATASTEWARD_BACKUP_PASSPHRASE for a key backup) and `label`
 * the prompt, for a second secret besides the workspace passphrase.
 */
export async function readPassphrase(opts: { confirm: boolean; env?: string; label?: string }): Promise<string> {
  const name = opts.env ?? 'DATASTEWARD_PASSPHRASE';
  const env = process.env[name];
  if (env !== undefined && env !== '') return env;
  if (!process.stdin.isTTY)
    throw new UsageError(`no passphrase: set ${name} or run in a terminal / 未提供口令：请设置 ${name} 或在终端中运行`);
  const label = opts.label ?? '口令 / Passphrase';
  const first = await promptHidden(`${label}: `);
  if (opts.confirm) {
    const second = await promptHidden(opts.label ? `${label}（再次输入 / repeat）: ` : '再次输入口令 / Repeat passphrase: ');
    if (first !== second) throw new UsageError('passphrases differ / 两次输入的口令不一致');
  }
  return first;
}
