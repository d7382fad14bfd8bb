/**
 * A backend: the services, the handler map and the dispatcher behind one `invoke`. Hosts
 * (Electron IPC, the browser host's HTTP, the CLI) only move calls to a backend and back.
 */
import { createDispatcher, type Logger } from '../api/dispatch';
import { createHandlers, type CallContext, type HostInfo } from '../api/handlers';
import type { Result } from '../api/result';
import { createServices, type ServiceOptions } from '../services/index';

export interface Backend {
  invoke(channel: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  dispose(): Promise<void>;
}

export interface BackendOptions extends ServiceOptions, Omit<HostInfo, 'appVersion'> {
  log?: Logger;
  /** How often lock-after-idle is checked; 0 turns the timer off (tests drive it by hand). */
  idleCheckMs?: number;
}

export function createInProcessBackend(opts: BackendOptions): Backend & { services: ReturnType<typeof createServices> } {
  const services = createServices(opts);
  const handlers = createHandlers(services, { host: opts.host, defaultWorkspaceDir: opts.defaultWorkspaceDir, appVersion: opts.appVersion });
  const dispatch = createDispatcher(handlers, {
    ...(opts.log ? { log: opts.log } : {}),
    onActivity: () => services.session.touch(),
  });
  const period = opts.idleCheckMs ?? 15_000;
  const timer = period > 0 ? setInterval(() => services.session.checkIdle(), period) : undefined;
  timer?.unref();
  return {
    services,
    invoke: (channel, input, ctx) => {
      // A call that arrives after the idle period, before the timer fired, still finds it locked.
      services.session.checkIdle();
      return dispatch(channel, input, ctx);
    },
    async dispose() {
      if (timer) clearInterval(timer);
      services.dispose();
    },
  };
}
