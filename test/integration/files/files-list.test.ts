import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFilesService } from '../../../main/services/files-service';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('files.list (the in-app file chooser)', () => {
  it('lists folders first, then only files with the asked extensions, hiding dot files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-files-'));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, '子目录'));
    fs.writeFileSync(path.join(dir, '清单.xlsx'), 'x');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'x');
    fs.writeFileSync(path.join(dir, '.hidden.xlsx'), 'x');
    const listing = createFilesService().list({ dir, extensions: ['xlsx'] });
    expect(listing.dir).toBe(dir);
    expect(listing.parent).toBe(path.dirname(dir));
    expect(listing.entries.map((e) => [e.name, e.kind])).toEqual([
      ['子目录', 'dir'],
      ['清单.xlsx', 'file'],
    ]);
    expect(listing.entries[1]!.size).toBe(1);
  });

  it('names the folder and the reason when it cannot be listed', () => {
    const missing = path.join(os.tmpdir(), 'ds-no-such-folder-' + process.pid);
    expect(() => createFilesService().list({ dir: missing })).toThrowError(/FOLDER_UNREADABLE/);
    try {
      createFilesService().list({ dir: missing });
    } catch (e) {
      expect((e as { message_zh: string }).message_zh).toContain('不存在');
      expect((e as { details: { dir: string } }).details.dir).toBe(missing);
    }
  });
});
