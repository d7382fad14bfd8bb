/**
 * HtmlToPdf for the Electron host (the port is defined in main/services/risk/pdf-port.ts; this
 * matches it structurally): a hidden, offscreen window in its own in-memory session, JavaScript
 * off, loads the self-contained report HTML and prints it with webContents.printToPDF. Chromium
 * inside Electron embeds the fonts it uses. Electron's BrowserWindow is passed in by main.ts (the
 * only module that imports 'electron' at run time).
 */
import type { BrowserWindow } from 'electron';

export interface ElectronPdfOptions {
  headerTemplate: string;
  footerTemplate: string;
  marginTopCm: number;
  marginBottomCm: number;
  marginSideCm: number;
}

export function createElectronPdf(Window: typeof BrowserWindow): { readonly name: string; print(html: string, o: ElectronPdfOptions): Promise<Uint8Array> } {
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
