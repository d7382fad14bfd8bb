/**
 * Guards for every webContents the app ever creates (installed from `app.on('web-contents-created')`,
 * so they also cover DevTools and anything a bug might create).
 *
 * The app never navigates. The renderer is one page (`app://datasteward/index.html`) that routes
 * in-page (history/hash changes do not emit the events below); the first load is done by the main
 * process with `loadURL`, which does not emit them either. So `will-navigate`, `will-frame-navigate`
 * and `will-redirect` are prevented for every URL, including our own origin: nothing legitimate
 * needs them, and a compromised page gains nothing by reloading itself through a link.
 *
 * The app is offline: an http(s) link is never opened, neither in the app nor in the system
 * browser (there is no shell.openExternal anywhere in the app).
 *
 * Pure: no run-time import of 'electron'; the wiring takes any object with `on` and
 * `setWindowOpenHandler`, so the tests drive it with a fake.
 */

export interface PreventableEvent {
  preventDefault(): void;
}

/** Navigation policy: nothing is allowed. Kept as a function so the policy has one place. */
export function isAllowedNavigation(_url: string): boolean {
  return false;
}

export interface WindowOpenDecision {
  action: 'deny';
}

/** `setWindowOpenHandler`: no window.open, no target=_blank, no new windows of any kind. */
export function windowOpenHandler(_details: { url: string }): WindowOpenDecision {
  return { action: 'deny' };
}

function urlOf(event: unknown, second: unknown): string {
  if (typeof second === 'string') return second;
  const u = (event as { url?: unknown } | null)?.url;
  return typeof u === 'string' ? u : '';
}

/** will-navigate / will-frame-navigate / will-redirect. */
export function guardNavigation(event: PreventableEvent, url?: unknown): void {
  const target = urlOf(event, url);
  if (!isAllowedNavigation(target)) {
    event.preventDefault();
    console.warn('[datasteward] navigation refused', target.slice(0, 200));
  }
}

/** `<webview>` is disabled (webviewTag: false); should one be attached anyway, it is refused. */
export function guardWebviewAttach(event: PreventableEvent, webPreferences?: Record<string, unknown>): void {
  if (webPreferences) {
    delete webPreferences.preload;
    webPreferences.nodeIntegration = false;
    webPreferences.contextIsolation = true;
    webPreferences.sandbox = true;
  }
  event.preventDefault();
}

/** Web Bluetooth device chooser: cancel (the app uses no devices). */
export function denyBluetoothSelection(event: PreventableEvent, _devices: unknown, callback: (deviceId: string) => void): void {
  event.preventDefault();
  callback('');
}

export interface GuardableContents {
  on(event: string, listener: (...args: never[]) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenDecision): void;
}

export function applyWebContentsGuards(contents: GuardableContents): void {
  contents.setWindowOpenHandler(windowOpenHandler);
  contents.on('will-navigate', guardNavigation);
  contents.on('will-frame-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.on('will-attach-webview', guardWebviewAttach);
  contents.on('select-bluetooth-device', denyBluetoothSelection);
}
