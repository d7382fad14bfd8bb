/** The browser host as a page sees it: no secret, no API; CSP in force; other origins refused. */
import { test, expect } from './fixtures';

test('a page opened without the secret explains where to get the address and cannot call the API', async ({ page, app }) => {
  await page.goto(app.origin + '/');
  await expect(page.getByTestId('no-secret')).toBeVisible();
  const status = await page.evaluate(async () => {
    const r = await fetch('/api/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ channel: 'workspace.status', input: {} }) });
    return { status: r.status, body: await r.json() };
  });
  expect(status.status).toBe(401);
  expect(status.body.error.code).toBe('SECRET_REFUSED');
});

test('the UI is served with a strict Content-Security-Policy that blocks inline script', async ({ page, app }) => {
  const response = await page.goto(app.url);
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.appendChild(s);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
});

test('another origin cannot use the API even when it knows the secret', async ({ page, app }) => {
  // A page on another loopback origin (a second server) tries a cross-origin call with the secret.
  await page.goto('about:blank');
  const result = await page.evaluate(
    async ({ origin, secret }) => {
      try {
        const r = await fetch(origin + '/api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + secret },
          body: JSON.stringify({ channel: 'workspace.status', input: {} }),
        });
        return { status: r.status };
      } catch (e) {
        return { error: String(e) };
      }
    },
    { origin: app.origin, secret: app.secret },
  );
  // Either the browser blocks it (no CORS headers are ever sent) or the server refuses the Origin.
  expect('error' in result || result.status === 403).toBe(true);
});
