/**
 * The application menu, in Chinese. Roles keep the standard shortcuts (Ctrl+C/V/X/Z/A, zoom,
 * Ctrl+Q / Alt+F4). Reload and DevTools exist only in a development run: in the packaged app
 * Ctrl+R / Ctrl+Shift+I do nothing. Pure: types only from 'electron'.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuInput {
  isPackaged: boolean;
  platform: NodeJS.Platform;
}

export function buildMenuTemplate({ isPackaged, platform }: MenuInput): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { label: '实际大小', role: 'resetZoom' },
    { label: '放大', role: 'zoomIn' },
    { label: '缩小', role: 'zoomOut' },
    { type: 'separator' },
    { label: '全屏', role: 'togglefullscreen' },
  ];
  if (!isPackaged) {
    view.push(
      { type: 'separator' },
      { label: '重新加载（开发）', role: 'reload' },
      { label: '强制重新加载（开发）', role: 'forceReload' },
      { label: '开发者工具（开发）', role: 'toggleDevTools' },
    );
  }
  const template: MenuItemConstructorOptions[] = [
    { label: '文件', submenu: [{ label: '退出', role: 'quit' }] },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图', submenu: view },
    { label: '窗口', submenu: [{ label: '最小化', role: 'minimize' }, { label: '关闭', role: 'close' }] },
  ];
  if (platform === 'darwin') template.unshift({ role: 'appMenu' });
  return template;
}
