/**
 * The in-app file chooser (both hosts): lists folders through the backend (`files.list`), never
 * file contents. Modes: open one file, open several, save as (folder + name), pick a folder.
 * `PathField` is a text box for a path with a Browse button that opens it.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { FolderListing } from '../../main/api/contract/files';
import { useApi } from '../api/context';
import { pickMessage, useLang, useT } from '../i18n/index';
import { Dialog } from './Dialog';

export type ChooserMode = 'open' | 'openMany' | 'save' | 'dir';

interface ChooserProps {
  mode: ChooserMode;
  /** Lower-case extensions without dot; absent: all files. */
  extensions?: readonly string[];
  /** Folder (or, for save, full path) to start in. */
  initialPath?: string;
  /** For save: the proposed file name. */
  defaultName?: string;
  testId?: string;
  onChoose(paths: string[]): void;
  onCancel(): void;
}

function dirOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i > 0 ? p.slice(0, i) : p;
}
function baseOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}
function join(dir: string, name: string, sep: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}
/** A file named `name` in the folder of `path` (e.g. beside the open workspace); just `name` when `path` is empty. */
export function siblingPath(path: string, name: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (i < 0) return name;
  return path.slice(0, i + 1) + name;
}
function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function FileChooser({ mode, extensions, initialPath, defaultName, testId = 'file-chooser', onChoose, onCancel }: ChooserProps) {
  const t = useT();
  const lang = useLang();
  const api = useApi();
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [dirInput, setDirInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [name, setName] = useState(defaultName ?? (mode === 'save' && initialPath ? baseOf(initialPath) : ''));
  const [nameError, setNameError] = useState<string | null>(null);
  const exts = extensions ? [...extensions] : undefined;
  const extKey = exts?.join(',') ?? '';

  const loadSeq = useRef(0);
  // Set when the user edits the folder box, cleared when they go somewhere: a listing that
  // answers in between (the first one, however late it comes) must not overwrite what they typed,
  // since they may be about to press Go. The first listing never clears it: on a slow machine its
  // request can start after the user has already typed.
  const dirEdited = useRef(false);
  const load = useCallback(
    async (dir?: string, keepError = false, byUser = true): Promise<boolean> => {
      // Only the latest request counts: a slow first listing must not replace the folder the
      // user has gone to in the meantime.
      const seq = ++loadSeq.current;
      if (byUser) dirEdited.current = false;
      const r = await api.invoke('files.list', { ...(dir ? { dir } : {}), ...(exts && mode !== 'dir' ? { extensions: exts } : {}) });
      if (seq !== loadSeq.current) return true;
      if (r.ok) {
        setListing(r.value);
        if (!dirEdited.current) setDirInput(r.value.dir);
        if (!keepError) setError(null);
        setSelected([]);
        return true;
      }
      setError(pickMessage(lang, r.error));
      return false;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, lang, extKey, mode],
  );

  useEffect(() => {
    const start = initialPath ? (mode === 'save' || /\.[a-z0-9]{1,10}$/i.test(initialPath) ? dirOf(initialPath) : initialPath) : undefined;
    // A folder that no longer exists: say so, and show the default folder instead of an empty list.
    void load(start, false, false).then((ok) => (!ok && start ? load(undefined, true, false) : ok));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // What the box shows now (not a state value a click could see before its re-render).
  const dirBox = useRef<HTMLInputElement>(null);
  const go = () => void load((dirBox.current?.value ?? dirInput).trim() || undefined);
  const files = listing?.entries.filter((e) => e.kind === 'file') ?? [];
  const title = t(mode === 'open' ? 'files.titleOpen' : mode === 'openMany' ? 'files.titleOpenMany' : mode === 'save' ? 'files.titleSave' : 'files.titleDir');

  const toggle = (path: string) => {
    if (mode === 'openMany') setSelected((s) => (s.includes(path) ? s.filter((p) => p !== path) : [...s, path]));
    else {
      setSelected([path]);
      if (mode === 'save') setName(baseOf(path));
    }
  };

  const confirm = () => {
    if (!listing) return;
    if (mode === 'dir') return onChoose([listing.dir]);
    if (mode === 'save') {
      let n = name.trim();
      if (!n) return setNameError(t('files.nameRequired'));
      if (exts && exts[0] && !exts.some((x) => n.toLowerCase().endsWith('.' + x))) n = `${n}.${exts[0]}`;
      return onChoose([join(listing.dir, n, listing.sep)]);
    }
    if (selected.length > 0) onChoose(selected);
  };

  const existing = mode === 'save' && listing ? files.find((f) => f.name === name.trim()) : undefined;

  return (
    <Dialog title={title} testId={testId} onCancel={onCancel} wide initialFocus={mode === 'save' ? `#${testId}-name` : `#${testId}-dir`}>
      {/* Not a form: the chooser is often opened from inside one (an export card, the import
          panel), and going to a folder must not submit that form. */}
      <div className="file-chooser">
        <div className="file-chooser-bar">
          <label htmlFor={`${testId}-dir`}>{t('files.folder')}</label>
          <input
            type="text"
            className="mono"
            id={`${testId}-dir`}
            ref={dirBox}
            data-testid={`${testId}-dir`}
            value={dirInput}
            onChange={(e) => {
              dirEdited.current = true;
              setDirInput(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                go();
              }
            }}
            spellCheck={false}
          />
          <button type="button" className="btn btn-secondary btn-small" data-testid={`${testId}-go`} onClick={go}>
            {t('files.go')}
          </button>
          <button type="button" className="btn btn-secondary btn-small" disabled={!listing?.parent} onClick={() => listing?.parent && void load(listing.parent)} data-testid={`${testId}-up`}>
            {t('files.up')}
          </button>
        </div>
      </div>
      {listing ? (
        <div className="file-chooser-places" aria-label={t('files.places')} role="group">
          {listing.places.map((p) => (
            <button key={p.path} type="button" className="btn btn-ghost btn-small" onClick={() => void load(p.path)}>
              {p.label === 'home' ? t('files.place.home') : p.label}
            </button>
          ))}
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="field-error" data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : null}
      {exts && mode !== 'dir' ? <p className="hint">{t('files.filter', { exts: exts.map((x) => '.' + x).join(' ') })}</p> : null}
      <div
        className="file-chooser-list"
        role="listbox"
        aria-multiselectable={mode === 'openMany'}
        aria-label={title}
        aria-busy={!listing}
        data-testid={`${testId}-list`}
        data-dir={listing?.dir ?? ''}
      >
        {!listing ? <p>{t('files.loading')}</p> : null}
        {listing?.entries.map((e) => {
          const isSel = selected.includes(e.path);
          const row: ReactNode = (
            <>
              <span className="file-chooser-icon" aria-hidden="true">
                {e.kind === 'dir' ? '▸' : '·'}
              </span>
              <span className="file-chooser-name">{e.name}</span>
              <span className="file-chooser-size">{e.kind === 'file' ? formatSize(e.size) : ''}</span>
              <span className="file-chooser-time">{e.modified.slice(0, 16).replace('T', ' ')}</span>
            </>
          );
          return (
            <button
              key={e.path}
              type="button"
              role="option"
              aria-selected={isSel}
              className={`file-chooser-entry${isSel ? ' selected' : ''}`}
              data-testid={`${testId}-entry`}
              data-name={e.name}
              onClick={() => (e.kind === 'dir' ? void load(e.path) : mode !== 'dir' ? toggle(e.path) : undefined)}
              onDoubleClick={() => {
                if (e.kind === 'file' && (mode === 'open' || mode === 'save')) {
                  if (mode === 'open') onChoose([e.path]);
                  else setName(e.name);
                }
              }}
              disabled={e.kind === 'file' && mode === 'dir'}
            >
              {row}
            </button>
          );
        })}
        {listing && listing.entries.length === 0 ? <p className="hint">{t('files.empty')}</p> : null}
        {listing?.truncated ? <p className="hint">{t('files.truncated', { count: listing.entries.length })}</p> : null}
      </div>
      {mode === 'save' ? (
        <div className="field file-chooser-save">
          <label htmlFor={`${testId}-name`} className="field-label">
            {t('files.fileName')}
          </label>
          <input
            type="text"
            id={`${testId}-name`}
            data-testid={`${testId}-name`}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                confirm();
              }
            }}
            aria-invalid={Boolean(nameError)}
          />
          {nameError ? <p className="field-error">{nameError}</p> : null}
          {existing ? <p className="field-warning">{t('files.overwrite', { name: existing.name })}</p> : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={onCancel} data-testid={`${testId}-cancel`}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={confirm}
          disabled={!listing || ((mode === 'open' || mode === 'openMany') && selected.length === 0)}
          data-testid={`${testId}-ok`}
        >
          {mode === 'dir' ? t('files.chooseFolder') : mode === 'save' ? t('files.save') : mode === 'openMany' && selected.length > 1 ? t('files.chooseSelected', { count: selected.length }) : t('files.choose')}
        </button>
      </div>
    </Dialog>
  );
}

interface PathFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(path: string): void;
  mode: Exclude<ChooserMode, 'openMany'>;
  extensions?: readonly string[];
  defaultName?: string;
  hint?: string;
  error?: string | null;
}

/** A path text box (typing or pasting a path works) with Browse opening the in-app chooser. */
export function PathField({ id, label, value, onChange, mode, extensions, defaultName, hint, error }: PathFieldProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="path-field">
        <input
          type="text"
          className="mono"
          id={id}
          data-testid={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
          aria-invalid={Boolean(error)}
          aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        />
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)} data-testid={`${id}-browse`}>
          {t('files.browse')}
        </button>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {open ? (
        <FileChooser
          mode={mode}
          {...(extensions ? { extensions } : {})}
          {...(value ? { initialPath: value } : {})}
          {...(defaultName ? { defaultName } : {})}
          testId={`${id}-chooser`}
          onCancel={() => setOpen(false)}
          onChoose={(paths) => {
            setOpen(false);
            if (paths[0]) onChange(paths[0]);
          }}
        />
      ) : null}
    </div>
  );
}
