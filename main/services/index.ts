/** The service container: one per backend (one per app window, or one per CLI run). */
import os from 'node:os';
import { createAuditService } from './audit-service';
import { createProfileService } from './profile-service';
import { createRecentList } from './recent';
import { createSession } from './session';
import { createWorkspaceService } from './workspace-service';
import { LATEST_VERSION } from '../db/migrations/index';

export interface ServiceOptions {
  appVersion: string;
  /** Where app-level files (recent workspaces) live; never inside a workspace. */
  configDir: string;
  now?: () => Date;
  osUser?: string;
}

function currentOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function createServices(opts: ServiceOptions) {
  const now = opts.now ?? (() => new Date());
  const session = createSession(() => now().getTime());
  const workspace = createWorkspaceService({
    session,
    recent: createRecentList(opts.configDir),
    appVersion: opts.appVersion,
    osUser: opts.osUser ?? currentOsUser(),
    now,
  });
  return {
    /** The schema version this build writes (the number of migrations). */
    schemaVersion: LATEST_VERSION,
    session,
    workspace,
    profile: createProfileService({ session, actor: workspace.actorOf, now }),
    audit: createAuditService({ session }),
    dispose() {
      session.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
