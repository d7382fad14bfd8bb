/** What a workspace is, independent of where it is stored. */

export const WORKSPACE_ROLES = ['unit', 'bureau'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const ROLE_LABELS: Record<WorkspaceRole, { zh: string; en: string }> = {
  unit: { zh: '填报单位', en: 'Filing unit' },
  bureau: { zh: '区数据局', en: 'District data bureau' },
};

export const WORKSPACE_EXTENSION = '.dsw';
export const MIN_PASSPHRASE_LENGTH = 8;
export const DEFAULT_IDLE_LOCK_MINUTES = 10;
export const MAX_IDLE_LOCK_MINUTES = 240;

export interface PassphraseProblem {
  code: 'PASSPHRASE_TOO_SHORT' | 'PASSPHRASE_TOO_LONG' | 'PASSPHRASE_WHITESPACE';
  message_zh: string;
  message_en: string;
}

/** Passphrases are the only key to the workspace: there is no recovery, so refuse weak ones. */
export function checkPassphrase(p: string): PassphraseProblem | undefined {
  if ([...p].length < MIN_PASSPHRASE_LENGTH)
    return {
      code: 'PASSPHRASE_TOO_SHORT',
      message_zh: `口令至少需要${MIN_PASSPHRASE_LENGTH}个字符`,
      message_en: `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`,
    };
  if (p.length > 1024)
    return { code: 'PASSPHRASE_TOO_LONG', message_zh: '口令过长（最多1024个字符）', message_en: 'The passphrase is too long (1024 characters at most)' };
  if (p.trim() !== p)
    return {
      code: 'PASSPHRASE_WHITESPACE',
      message_zh: '口令首尾不能是空格',
      message_en: 'The passphrase may not begin or end with a space',
    };
  return undefined;
}

/** What the UI is told about the session. */
export interface WorkspaceStatus {
  state: 'closed' | 'locked' | 'open';
  path?: string;
  name?: string;
  role?: WorkspaceRole;
  operator?: string;
  idleLockMinutes?: number;
  lockReason?: 'manual' | 'idle';
  schemaVersion?: number;
  /** Set once, on the unlock that ran migrations. */
  migratedFrom?: number;
  backupPath?: string;
}

export interface RecentWorkspace {
  path: string;
  name: string;
  role: WorkspaceRole;
  lastOpenedAt: string;
}
