/**
 * HtmlToPdf for the Electron host (the port is defined in main/domain/risk-report.ts): a hidden,
 * offscreen window in its own in-memory session, JavaScript off, loads the self-contained report
 * HTML and prints it with webContents.printToPDF. Chromium inside Electron embeds the fonts it uses. Electron's BrowserWindow is passed in by main.ts (the
 * only module that imports 'electron' at run time).
 */
import type { BrowserWindow } from 'electron';
import type { HtmlToPdf } from '../domain/risk-report';

export function createElectronPdf(Window: typeof BrowserWindow): HtmlToPdf {
  return {
    name: 'electron',
    async print(html, o) {
      const win = new Window({
        show: false,
        webPreferences: { offscreen: true, sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, partition: 'datasteward-pdf' },
      });
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const inch = (cm: number) => cm / 2.54;
        const data = await win.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: o.headerTemplate,
          footerTemplate: o.footerTemplate,
          generateTaggedPDF: false,
          margins: { top: inch(o.marginTopCm), bottom: inch(o.marginBottomCm), left: inch(o.marginSideCm), right: inch(o.marginSideCm) },
        });
        return new Uint8Array(data);
      } finally {
        win.destroy();
      }
    },
  };
}
