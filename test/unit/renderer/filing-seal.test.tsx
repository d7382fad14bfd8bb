// @vitest-environment jsdom
/**
 * Sealing a filing package for the bureau follows the bureau key: off without one, ticked as soon
 * as one is imported (the page does not have to be reopened), and what the package request says.
 * A deliberate untick holds while the page reloads its key status for other reasons, and is back
 * to the default once a package is made or another bureau key is imported.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { createClient, type Client } from '../../../main/api/client';
import type { BuildResult, CounterpartKeyInfo } from '../../../main/domain/package/index';
import { ApiContext } from '../../../renderer/api/context';
import { BuildSection } from '../../../renderer/views/filing/BuildSection';
import { useLangStore } from '../../../renderer/store/lang';

const bureau = (fingerprint: string): CounterpartKeyInfo => ({
  id: 1,
  role: 'bureau',
  fingerprint,
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n',
  label: '',
  uscc: '',
  confirmedAt: '2026-11-20T08:00:00.000Z',
  confirmedBy: 'tester',
  revokedAt: null,
});
const FP1 = 'AAAA BBBB CCCC DDDD';
const FP2 = 'EEEE FFFF 0000 1111';

function recordingClient() {
  const builds: Record<string, unknown>[] = [];
  const client: Client = createClient({
    async invoke(channel, input) {
      if (channel === 'package.build') {
        const i = input as { kind: BuildResult['kind']; outPath: string; seal: boolean };
        builds.push(i);
        const value: BuildResult = {
          sequence: builds.length, kind: i.kind, digest: '0'.repeat(64), previousDigest: null, createdAt: '2026-11-20T08:00:00.000Z', actor: 'tester',
          signerFingerprint: FP2, sealedTo: i.seal ? FP1 : null, fileName: 'p.dsp', fileSm3: '1'.repeat(64), fileBytes: 1,
          counts: { systems: 0, resources: 0, items: 0, catalogEntries: 0 }, path: i.outPath,
        };
        return { ok: true, value };
      }
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message_zh: '未知的请求', message_en: 'Unknown request' } };
    },
  });
  return { client, builds };
}

function mount(client: Client, bureauKey: CounterpartKeyInfo | undefined) {
  const el = (k: CounterpartKeyInfo | undefined) => (
    <ApiContext.Provider value={client}>
      <BuildSection hasKey hasPrevious={false} bureauKey={k} dir="/tmp/" onBuilt={async () => {}} />
    </ApiContext.Provider>
  );
  const view = render(el(bureauKey));
  return { rerender: (k: CounterpartKeyInfo | undefined) => view.rerender(el(k)) };
}

const sealBox = () => document.querySelector<HTMLInputElement>('[data-testid="filing-seal"]')!;
const build = async (api: ReturnType<typeof recordingClient>) => {
  const before = api.builds.length;
  await act(async () => {
    fireEvent.click(document.querySelector<HTMLButtonElement>('[data-testid="filing-build"]')!);
  });
  await waitFor(() => expect(api.builds.length).toBe(before + 1));
  return api.builds.at(-1)!;
};

beforeEach(() => useLangStore.setState({ lang: 'zh-CN' }));
afterEach(cleanup);

describe('sealing for the bureau', () => {
  it('is off without a bureau key and ticks itself once one is imported, and the package is sealed', async () => {
    const api = recordingClient();
    const m = mount(api.client, undefined);
    expect(sealBox().checked).toBe(false);
    expect(sealBox().disabled).toBe(true);
    // The bureau key is imported on the same page (the parent reloads its key status).
    m.rerender(bureau(FP1));
    expect(sealBox().disabled).toBe(false);
    expect(sealBox().checked).toBe(true);
    expect((await build(api)).seal).toBe(true);
  });

  it('keeps a deliberate untick across reloads of the same key, until a package is made', async () => {
    const api = recordingClient();
    const m = mount(api.client, bureau(FP1));
    expect(sealBox().checked).toBe(true);
    fireEvent.click(sealBox());
    expect(sealBox().checked).toBe(false);
    // The key status is reloaded (another section changed something): a new object, the same key.
    m.rerender(bureau(FP1));
    expect(sealBox().checked).toBe(false);
    expect((await build(api)).seal).toBe(false);
    // After a package is made the default is back.
    expect(sealBox().checked).toBe(true);
    expect((await build(api)).seal).toBe(true);
  });

  it('goes back on for a newly imported bureau key, and off when the key is revoked', () => {
    const api = recordingClient();
    const m = mount(api.client, bureau(FP1));
    fireEvent.click(sealBox());
    expect(sealBox().checked).toBe(false);
    m.rerender(bureau(FP2));
    expect(sealBox().checked).toBe(true);
    m.rerender(undefined);
    expect(sealBox().checked).toBe(false);
    expect(sealBox().disabled).toBe(true);
  });
});
