/** Entry names a verifier refuses, each with its own code. */
import { describe, expect, it } from 'vitest';
import { checkEntryName, collisionKey } from '../../../main/domain/package/index';

const code = (name: string, dir = false) => checkEntryName(name, dir)?.code;

describe('entry names', () => {
  it('accepts ordinary relative names, Chinese included, and a directory’s trailing slash', () => {
    for (const n of ['bag/bagit.txt', 'bag/data/inventory.json', 'bag/data/备案清单.xlsx', 'bag/data/a b.json']) expect(code(n), n).toBeUndefined();
    expect(code('bag/data/', true)).toBeUndefined();
  });

  it.each([
    ['/etc/passwd', 'PKG_PATH_ABSOLUTE'],
    ['C:/Windows/win.ini', 'PKG_PATH_ABSOLUTE'],
    ['c:evil', 'PKG_PATH_ABSOLUTE'],
    ['bag\\data\\x.json', 'PKG_PATH_BACKSLASH'],
    ['..\\evil', 'PKG_PATH_BACKSLASH'],
    ['../evil', 'PKG_PATH_TRAVERSAL'],
    ['bag/../../evil', 'PKG_PATH_TRAVERSAL'],
    ['bag/data/..', 'PKG_PATH_TRAVERSAL'],
    ['bag//data', 'PKG_PATH_INVALID'],
    ['bag/./data', 'PKG_PATH_INVALID'],
    ['bag/data/x\u0000.json', 'PKG_PATH_INVALID'],
    ['bag/data/x\n.json', 'PKG_PATH_INVALID'],
    ['bag/data/', 'PKG_PATH_INVALID'],
    ['', 'PKG_PATH_INVALID'],
    ['bag/data/e\u0301.json', 'PKG_PATH_INVALID'],
    [`bag/${'x'.repeat(600)}`, 'PKG_PATH_INVALID'],
  ])('%j → %s', (name, expected) => {
    expect(code(name)).toBe(expected);
  });

  it('names that differ only in case or Unicode form collide', () => {
    expect(collisionKey('bag/DATA/Inventory.json')).toBe(collisionKey('bag/data/inventory.json'));
    expect(collisionKey('bag/data/e\u0301.json')).toBe(collisionKey('bag/data/\u00e9.json'));
  });
});
