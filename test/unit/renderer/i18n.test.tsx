// @vitest-environment jsdom
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../renderer/i18n/zh-CN';
import { en } from '../../../renderer/i18n/en';
import { translate } from '../../../renderer/i18n/index';
import { FIELD_LABEL_KEYS, FILING_KIND_KEYS, UNIT_TYPE_KEYS } from '../../../renderer/i18n/codes';
import { FILING_KINDS, PROFILE_FIELDS, UNIT_TYPES } from '../../../main/domain/profile';

describe('message catalogues', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('has no empty strings in either language', () => {
    for (const [key, text] of [...Object.entries(zhCN), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses the same {placeholders} in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(names(en[key]), key).toEqual(names(zhCN[key]));
    }
  });

  it('labels the profile fields exactly as the bureau template does', () => {
    for (const def of PROFILE_FIELDS) expect(zhCN[FIELD_LABEL_KEYS[def.key]]).toBe(def.templateLabel);
    for (const c of UNIT_TYPES) expect(zhCN[UNIT_TYPE_KEYS[c]]).toBe(c);
    for (const c of FILING_KINDS) expect(zhCN[FILING_KIND_KEYS[c]]).toBe(c);
  });

  it('interpolates {name} parameters', () => {
    expect(translate('zh-CN', 'shell.operator', { name: '张三' })).toBe('操作人：张三');
    expect(translate('en', 'audit.pageInfo', { page: 2, pages: 3, total: 120 })).toBe('Page 2 of 3, 120 entries');
  });
});

describe('components keep user text in the catalogues', () => {
  const root = path.resolve(__dirname, '../../../renderer');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (p !== path.join(root, 'i18n')) walk(p);
      } else if (p.endsWith('.tsx')) files.push(p);
    }
  };
  walk(root);

  it('has no CJK characters in renderer/**/*.tsx outside renderer/i18n', () => {
    expect(files.length).toBeGreaterThan(5);
    const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
    const offenders = files.filter((f) => cjk.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
