/** Errors that services raise about the workspace session. */
import { DomainError } from '../domain/errors';

export const noWorkspace = () =>
  new DomainError('NO_WORKSPACE', '尚未打开工作区', 'No workspace is open');

export const workspaceLocked = () =>
  new DomainError('WORKSPACE_LOCKED', '工作区已锁定，请输入口令解锁', 'The workspace is locked; enter the passphrase to unlock it');

export const wrongRole = (needed: string) =>
  new DomainError('WRONG_ROLE', `此功能仅适用于${needed}工作区`, `This is only available in a ${needed} workspace`);
