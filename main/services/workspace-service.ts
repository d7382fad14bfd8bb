/** Create, unlock, lock and close workspaces; change the passphrase; workspace settings. */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { DomainError } from '../domain/errors';
import {
  checkPassphrase,
  DEFAULT_IDLE_LOCK_MINUTES,
  WORKSPACE_EXTENSION,
  type WorkspaceRole,
  type WorkspaceStatus,
} from '../domain/workspace';
import { normalizeText } from '../domain/text';
import { createDatabase, openDatabase, prepareConnection, rekey } from '../db/connection';
import { migrate, tooNewError } from '../db/migrate';
import { LATEST_VERSION } from '../db/migrations/index';
import { createStore } from '../db/store';
import type { RecentList } from './recent';
import type { Session } from './session';

export interface WorkspaceDeps {
  session: Session;
  recent: RecentList;
  appVersion: string;
  osUser: string;
  now: () => Date;
  /**
   * Workspace contents every workspace must have (the built-in classification schemes): run
   * inside the create and the unlock transactions; what it returns (when not undefined) goes
   * into that transaction's audit entry.
   */
  provision?: (store: ReturnType<typeof createStore>, at: string) => Record<string, unknown> | undefined;
}

const SETTING_OPERATOR = 'operator';
const SETTING_IDLE = 'idle_lock_minutes';

function passphraseError(p: string): DomainError | undefined {
  const problem = checkPassphrase(p);
  return problem && new DomainError(problem.code, problem.message_zh, problem.message_en);
}

/** Absolute, with the workspace extension. Relative paths are refused: they depend on where the app started. */
export function normalizeWorkspacePath(p: string): string {
  const trimmed = p.trim();
  if (!path.isAbsolute(trimmed))
    throw new DomainError('PATH_NOT_ABSOLUTE', '请填写工作区文件的完整路径', 'Give the full (absolute) path of the workspace file', { path: p });
  const resolved = path.resolve(trimmed);
  return resolved.toLowerCase().endsWith(WORKSPACE_EXTENSION) ? resolved : resolved + WORKSPACE_EXTENSION;
}

function removeDbFiles(p: string) {
  for (const f of [p, `${p}-wal`, `${p}-shm`]) fs.rmSync(f, { force: true });
}

export function createWorkspaceService(deps: WorkspaceDeps) {
  const { session, recent } = deps;

  const actor = (operator: string) => operator || `os:${deps.osUser}`;

  function status(extra: Partial<WorkspaceStatus> = {}): WorkspaceStatus {
    const s = session.state;
    if (s.kind === 'closed') return { state: 'closed' };
    if (s.kind === 'locked') return { state: 'locked', path: s.path, name: s.name, role: s.role, lockReason: s.reason };
    return {
      state: 'open',
      path: s.path,
      name: s.info.name,
      role: s.info.role,
      operator: s.operator,
      idleLockMinutes: s.idleLockMinutes,
      schemaVersion: LATEST_VERSION,
      ...extra,
    };
  }

  function readSettings(store: ReturnType<typeof createStore>) {
    const operator = store.workspace.getSetting(SETTING_OPERATOR) ?? '';
    const idle = Number(store.workspace.getSetting(SETTING_IDLE) ?? DEFAULT_IDLE_LOCK_MINUTES);
    return { operator, idleLockMinutes: Number.isInteger(idle) && idle > 0 ? idle : DEFAULT_IDLE_LOCK_MINUTES };
  }

  return {
    status,

    create(input: { path: string; passphrase: string; role: WorkspaceRole; name: string; operator: string }): WorkspaceStatus {
      const file = normalizeWorkspacePath(input.path);
      const perr = passphraseError(input.passphrase);
      if (perr) throw perr;
      const name = normalizeText(input.name) || path.basename(file, WORKSPACE_EXTENSION);
      const operator = normalizeText(input.operator);
      if (fs.existsSync(file))
        throw new DomainError('WORKSPACE_EXISTS', '该位置已有文件，不会覆盖。请换一个文件名。', 'A file already exists there and will not be overwritten. Choose another name.', { path: file });
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
      } catch (e) {
        throw new DomainError('DIR_UNWRITABLE', '无法创建工作区所在的文件夹', 'The folder for the workspace cannot be created', { path: path.dirname(file), reason: (e as Error).message });
      }
      session.close();
      let db;
      try {
        db = createDatabase(file, input.passphrase);
        migrate(db, file, 0);
        const store = createStore(db, deps.now);
        const info = { uid: crypto.randomUUID(), role: input.role, name, createdAt: deps.now().toISOString(), createdByApp: deps.appVersion };
        store.tx(() => {
          store.workspace.insert(info);
          store.workspace.putSetting(SETTING_OPERATOR, operator);
          store.workspace.putSetting(SETTING_IDLE, String(DEFAULT_IDLE_LOCK_MINUTES));
          const provisioned = deps.provision?.(store, info.createdAt);
          store.audit.append({ actor: actor(operator), action: 'workspace.create', entity: 'workspace', entityId: info.uid, at: info.createdAt, after: { role: info.role, name: info.name, app: info.createdByApp, ...provisioned } });
        });
        session.open({ path: file, store, info, operator, idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES });
      } catch (e) {
        try {
          db?.close();
        } catch {
          /* already closed */
        }
        removeDbFiles(file);
        throw e;
      }
      recent.remember({ path: file, name, role: input.role, lastOpenedAt: deps.now().toISOString() });
      return status();
    },

    unlock(input: { path?: string; passphrase: string }): WorkspaceStatus {
      const current = session.state;
      const target = input.path ? normalizeWorkspacePath(input.path) : current.kind !== 'closed' ? current.path : undefined;
      if (!target) throw new DomainError('PATH_REQUIRED', '请选择要打开的工作区文件', 'Choose the workspace file to open');
      if (!fs.existsSync(target))
        throw new DomainError('WORKSPACE_NOT_FOUND', '找不到该工作区文件', 'The workspace file does not exist', { path: target });
      const { db, userVersion } = openDatabase(target, input.passphrase);
      try {
        if (userVersion > LATEST_VERSION) throw tooNewError(userVersion, LATEST_VERSION);
        if (userVersion === 0) throw new DomainError('NOT_A_WORKSPACE', '该文件不是完整的 DataSteward 工作区', 'The file is not a complete DataSteward workspace');
        prepareConnection(db);
        const report = migrate(db, target, userVersion, { now: deps.now() });
        const store = createStore(db, deps.now);
        const info = store.workspace.get();
        if (!info) throw new DomainError('NOT_A_WORKSPACE', '该文件不是完整的 DataSteward 工作区', 'The file is not a complete DataSteward workspace');
        const settings = readSettings(store);
        store.tx(() => {
          if (report.to !== report.from)
            store.audit.append({ actor: actor(settings.operator), action: 'workspace.migrate', entity: 'workspace', entityId: info.uid, before: { schema: report.from }, after: { schema: report.to, backup: report.backupPath ?? null } });
          const at = deps.now().toISOString();
          const provisioned = deps.provision?.(store, at);
          store.audit.append({ actor: actor(settings.operator), action: 'workspace.unlock', entity: 'workspace', entityId: info.uid, at, ...(provisioned ? { after: provisioned } : {}) });
        });
        session.open({ path: target, store, info, ...settings });
        recent.remember({ path: target, name: info.name, role: info.role, lastOpenedAt: deps.now().toISOString() });
        return report.to !== report.from
          ? status({ migratedFrom: report.from, ...(report.backupPath ? { backupPath: report.backupPath } : {}) })
          : status();
      } catch (e) {
        if (session.state.kind !== 'open' || session.state.store.db !== db) db.close();
        throw e;
      }
    },

    lock(): WorkspaceStatus {
      session.lock('manual');
      return status();
    },

    close(): WorkspaceStatus {
      session.close();
      return status();
    },

    changePassphrase(input: { current: string; next: string }): { changed: true } {
      const s = session.requireOpen();
      const perr = passphraseError(input.next);
      if (perr) throw perr;
      if (input.current === input.next)
        throw new DomainError('PASSPHRASE_UNCHANGED', '新口令不能与当前口令相同', 'The new passphrase must differ from the current one');
      // Prove the current passphrase on a second connection; nothing is kept in memory to compare with.
      try {
        openDatabase(s.path, input.current).db.close();
      } catch (e) {
        if (e instanceof DomainError && e.code === 'WRONG_PASSPHRASE')
          throw new DomainError('WRONG_PASSPHRASE', '当前口令不正确', 'The current passphrase is wrong');
        throw e;
      }
      rekey(s.store.db, input.next);
      s.store.tx(() => s.store.audit.append({ actor: actor(s.operator), action: 'workspace.passphrase.change', entity: 'workspace', entityId: s.info.uid }));
      return { changed: true };
    },

    updateSettings(input: { operator?: string; idleLockMinutes?: number }): WorkspaceStatus {
      const s = session.requireOpen();
      const before = { operator: s.operator, idleLockMinutes: s.idleLockMinutes };
      const after = {
        operator: input.operator !== undefined ? normalizeText(input.operator) : s.operator,
        idleLockMinutes: input.idleLockMinutes ?? s.idleLockMinutes,
      };
      if (before.operator === after.operator && before.idleLockMinutes === after.idleLockMinutes) return status();
      s.store.tx(() => {
        s.store.workspace.putSetting(SETTING_OPERATOR, after.operator);
        s.store.workspace.putSetting(SETTING_IDLE, String(after.idleLockMinutes));
        s.store.audit.append({ actor: actor(after.operator), action: 'settings.update', entity: 'setting', before, after });
      });
      s.operator = after.operator;
      s.idleLockMinutes = after.idleLockMinutes;
      return status();
    },

    recent(): ReturnType<RecentList['list']> {
      return recent.list();
    },

    forget(p: string): void {
      recent.forget(p);
    },

    actorOf: actor,
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
