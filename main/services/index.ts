/** The service container: one per backend (one per app window, or one per CLI run). */
import os from 'node:os';
import { createAuditService } from './audit-service';
import { builtinRecognizers } from './builtin-resources';
import { createGrading, type RecognizerLookup } from './grading-service';
import { createInventoryService } from './inventory-service';
import { createProfileService } from './profile-service';
import { createRecentList } from './recent';
import { createSchemeService, installBuiltinSchemes } from './scheme-service';
import { createSession } from './session';
import { createWorkspaceService } from './workspace-service';
import { LATEST_VERSION } from '../db/migrations/index';

export interface ServiceOptions {
  appVersion: string;
  /** Where app-level files (recent workspaces) live; never inside a workspace. */
  configDir: string;
  now?: () => Date;
  osUser?: string;
  /** What grading knows of each recogniser; by default, the built-in recogniser pack. */
  recognizers?: RecognizerLookup;
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
    provision: (store, at) => {
      const installed = installBuiltinSchemes(store, at);
      return installed.length > 0 ? { builtinSchemes: installed } : undefined;
    },
  });
  const grading = createGrading({ recognizers: opts.recognizers ?? builtinRecognizers });
  return {
    /** The schema version this build writes (the number of migrations). */
    schemaVersion: LATEST_VERSION,
    session,
    workspace,
    profile: createProfileService({ session, actor: workspace.actorOf, now }),
    audit: createAuditService({ session }),
    grading,
    inventory: createInventoryService({ session, actor: workspace.actorOf, now, grading }),
    scheme: createSchemeService({ session, actor: workspace.actorOf, now, grading }),
    dispose() {
      session.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
