// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { createClient, type Client } from '../../../main/api/client';
import { checkProfile, EMPTY_PROFILE, type UnitProfile } from '../../../main/domain/profile';
import type { Result } from '../../../main/api/result';
import { ProfileForm } from '../../../renderer/views/ProfileForm';
import { ApiContext } from '../../../renderer/api/context';
import { useLangStore } from '../../../renderer/store/lang';

afterEach(() => {
  cleanup();
  useLangStore.getState().setLang('zh-CN');
});

function fakeClient(onSave?: (p: UnitProfile) => Result<unknown>) {
  const calls: { channel: string; input: unknown }[] = [];
  const client: Client = createClient({
    async invoke(channel, input) {
      calls.push({ channel, input });
      if (channel === 'profile.get') {
        const c = checkProfile(EMPTY_PROFILE);
        return { ok: true, value: { profile: EMPTY_PROFILE, updatedAt: null, issues: c.issues, complete: false } };
      }
      if (channel === 'profile.save') {
        const p = (input as { profile: UnitProfile }).profile;
        if (onSave) return onSave(p);
        const c = checkProfile(p);
        return { ok: true, value: { profile: c.normalized, updatedAt: '2025-01-02T03:04:05.000Z', issues: c.issues, complete: c.complete } };
      }
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message_zh: '未知的请求', message_en: 'Unknown request' } };
    },
  });
  return { client, calls };
}

async function renderForm(client: Client) {
  const view = render(<ProfileForm client={client} />);
  await waitFor(() => expect(view.container.querySelector('#profile-uscc')).not.toBeNull());
  return view;
}

const input = (id: string) => document.getElementById(id) as HTMLInputElement;

describe('profile form', () => {
  it('shows the USCC check-character error next to the field, and clears it for the right code', async () => {
    const { client } = fakeClient();
    const view = await renderForm(client);
    const uscc = input('profile-uscc');

    fireEvent.change(uscc, { target: { value: '91110000600037341N' } });
    fireEvent.blur(uscc);
    const err = view.getByTestId('field-error-uscc');
    expect(err.textContent).toContain('校验位错误');
    expect(err.textContent).toContain('L');
    expect(uscc.getAttribute('aria-invalid')).toBe('true');
    expect(uscc.getAttribute('aria-describedby')?.split(' ')).toContain(err.id);
    // The error sits right after the input in the same field.
    expect(uscc.nextElementSibling).toBe(err);

    fireEvent.change(uscc, { target: { value: '91110000600037341L' } });
    fireEvent.blur(uscc);
    expect(view.queryByTestId('field-error-uscc')).toBeNull();
    expect(uscc.getAttribute('aria-invalid')).toBe('false');
  });

  it('renders every sheet-1 field with its label, in template order', async () => {
    const { client } = fakeClient();
    const view = await renderForm(client);
    const labels = [...view.container.querySelectorAll('label.field-label')].map((l) => l.getAttribute('for'));
    expect(labels).toEqual([
      'profile-unitName',
      'profile-uscc',
      'profile-unitType',
      'profile-competentDepartment',
      'profile-address',
      'profile-officerName',
      'profile-officerTitle',
      'profile-officerPhone',
      'profile-officerEmail',
      'profile-managementBody',
      'profile-preparerName',
      'profile-preparerPhone',
      'profile-filingKind',
      'profile-filingDate',
    ]);
    expect(document.getElementById('profile-unitType')?.tagName).toBe('SELECT');
    expect(document.getElementById('profile-filingDate')?.getAttribute('type')).toBe('date');
  });

  it('does not show missing required fields before the user touched them or tried to save', async () => {
    const { client, calls } = fakeClient();
    const view = await renderForm(client);
    expect(view.queryByTestId('field-error-unitName')).toBeNull();
    fireEvent.change(input('profile-unitName'), { target: { value: '某区卫生健康委员会' } });
    await act(async () => {
      fireEvent.click(view.getByTestId('profile-save'));
    });
    // Saved although incomplete; the missing ones are now shown and listed in a banner.
    expect(calls.some((c) => c.channel === 'profile.save')).toBe(true);
    expect(view.getByTestId('field-error-uscc').textContent).toContain('请填写统一社会信用代码');
    expect(view.getByTestId('profile-incomplete').textContent).toContain('数据安全负责人');
    expect(view.getByTestId('profile-status').textContent).toContain('已保存');
  });

  it('does not call the backend when there are errors, and shows the backend issues on PROFILE_INVALID', async () => {
    const { client, calls } = fakeClient(() => ({
      ok: false,
      error: {
        code: 'PROFILE_INVALID',
        message_zh: '单位信息有错误，未保存，请按提示修改',
        message_en: 'The unit profile has errors and was not saved; correct the marked fields',
        details: { issues: [{ field: 'officerEmail', severity: 'error', code: 'EMAIL_INVALID', message_zh: '后台：邮箱不对', message_en: 'backend: bad e-mail' }] },
      },
    }));
    const view = await renderForm(client);
    fireEvent.change(input('profile-officerPhone'), { target: { value: '12345' } });
    await act(async () => {
      fireEvent.click(view.getByTestId('profile-save'));
    });
    expect(calls.filter((c) => c.channel === 'profile.save')).toHaveLength(0);
    expect(view.getByTestId('field-error-officerPhone')).toBeTruthy();
    expect(document.activeElement).toBe(input('profile-officerPhone'));

    fireEvent.change(input('profile-officerPhone'), { target: { value: '13812345678' } });
    await act(async () => {
      fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    });
    expect(calls.filter((c) => c.channel === 'profile.save')).toHaveLength(1);
    expect(view.getByTestId('field-error-officerEmail').textContent).toContain('后台：邮箱不对');
  });

  it('shows the messages in English when the language is English', async () => {
    useLangStore.getState().setLang('en');
    expect(document.documentElement.lang).toBe('en');
    const { client } = fakeClient();
    const view = render(
      <ApiContext.Provider value={client}>
        <ProfileForm />
      </ApiContext.Provider>,
    );
    await waitFor(() => expect(view.container.querySelector('#profile-uscc')).not.toBeNull());
    const uscc = input('profile-uscc');
    fireEvent.change(uscc, { target: { value: '91110000600037341N' } });
    fireEvent.blur(uscc);
    expect(view.getByTestId('field-error-uscc').textContent).toContain('Check character is wrong');
    expect(view.getByTestId('page-heading').textContent).toBe('Unit profile');
  });

  it('marks unsaved changes', async () => {
    const { client } = fakeClient();
    const view = await renderForm(client);
    expect(view.queryByTestId('profile-dirty')).toBeNull();
    fireEvent.change(input('profile-address'), { target: { value: 'x' } });
    expect(view.getByTestId('profile-dirty')).toBeTruthy();
    vi.useRealTimers();
  });
});
