import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../../main/electron/menu';

type Item = ReturnType<typeof buildMenuTemplate>[number];

function roles(items: Item[]): string[] {
  return items.flatMap((i) => [
    ...(i.role ? [i.role] : []),
    ...(Array.isArray(i.submenu) ? roles(i.submenu as Item[]) : []),
  ]);
}

describe('application menu', () => {
  it('has no reload and no DevTools in the packaged app', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const r = roles(buildMenuTemplate({ isPackaged: true, platform }));
      expect(r).not.toContain('reload');
      expect(r).not.toContain('forceReload');
      expect(r).not.toContain('toggleDevTools');
    }
  });

  it('keeps quit, the edit shortcuts and zoom', () => {
    const r = roles(buildMenuTemplate({ isPackaged: true, platform: 'win32' }));
    for (const role of ['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom']) {
      expect(r).toContain(role);
    }
  });

  it('is in Chinese', () => {
    const top = buildMenuTemplate({ isPackaged: true, platform: 'linux' }).map((i) => i.label);
    expect(top).toEqual(['文件', '编辑', '视图', '窗口']);
  });

  it('adds reload and DevTools in a development run', () => {
    const r = roles(buildMenuTemplate({ isPackaged: false, platform: 'linux' }));
    expect(r).toContain('reload');
    expect(r).toContain('toggleDevTools');
  });
});
