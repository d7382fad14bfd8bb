/** 单位信息: the unit profile form. Fields are addressed by their key in main/domain/profile.ts. */
import { expect, type Page } from '@playwright/test';
import type { UnitProfile } from '../../../main/domain/profile';

type Key = keyof UnitProfile;
const SELECTS: Key[] = ['unitType', 'filingKind'];

export class ProfilePage {
  constructor(readonly page: Page) {}

  async expectShown() {
    await expect(this.page.getByTestId('profile-form')).toBeVisible();
  }

  field(key: Key) {
    return this.page.locator(`#profile-${key}`);
  }

  /** Type a value and leave the field, as a user does (validation runs on blur). */
  async set(key: Key, value: string) {
    const f = this.field(key);
    if (SELECTS.includes(key)) await f.selectOption(value);
    else await f.fill(value);
    await f.blur();
  }

  async fill(values: Partial<UnitProfile>) {
    for (const [k, v] of Object.entries(values)) await this.set(k as Key, v);
  }

  errorFor(key: Key) {
    return this.page.getByTestId(`field-error-${key}`);
  }

  async save() {
    await this.page.getByTestId('profile-save').click();
  }

  status() {
    return this.page.getByTestId('profile-status');
  }

  async values(keys: Key[]): Promise<Partial<UnitProfile>> {
    const out: Partial<Record<Key, string>> = {};
    for (const k of keys) out[k] = await this.field(k).inputValue();
    return out as Partial<UnitProfile>;
  }
}
