/** Small forms to add an information system, a data resource of a system, or a data item of a resource. */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { TreeSystem } from '../../../main/api/contract/inventory';
import type { Entry, InventorySystem } from '../../../main/domain/inventory';
import type { ErrorInfo } from '../../../main/domain/errors';
import { MLPS_LEVELS } from '../../../main/domain/code-lists';
import { useApi } from '../../api/context';
import { usePick, useT } from '../../i18n/index';
import { codeLabel, ENTRY_FIELD_LABEL_KEYS, MLPS_KEYS } from '../../i18n/codes';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Alert } from '../../components/Alert';
import { fieldErrorsFromError } from './entry-form';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A data ID for a new resource of a system: S01-T003 style, not yet used in the tree. */
export function suggestResourceDataId(systems: TreeSystem[], systemId: number): string {
  const i = systems.findIndex((s) => s.id === systemId);
  const s = systems[i];
  const taken = new Set(systems.flatMap((x) => x.resources.map((r) => r.dataId)));
  let n = (s?.resources.length ?? 0) + 1;
  let id = `S${pad(i + 1, 2)}-T${pad(n, 3)}`;
  while (taken.has(id)) id = `S${pad(i + 1, 2)}-T${pad(++n, 3)}`;
  return id;
}

/** A data ID for a new item of a resource: <resource>-F012 style. */
export function suggestItemDataId(systems: TreeSystem[], resourceId: number): string {
  for (const s of systems)
    for (const r of s.resources) if (r.id === resourceId) return `${r.dataId}-F${pad(r.itemCount + 1, 3)}`;
  return '';
}

function useSubmit<T>(run: () => Promise<{ ok: true; value: T } | { ok: false; error: ErrorInfo }>, onDone: (v: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [dataIdError, setDataIdError] = useState<string | null>(null);
  const pick = usePick();
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setDataIdError(null);
    const r = await run();
    setBusy(false);
    if (r.ok) onDone(r.value);
    else {
      const fe = fieldErrorsFromError(r.error).find((e) => e.field === 'dataId');
      if (fe) {
        setDataIdError(pick(fe));
        document.getElementById('new-dataId')?.focus();
      } else setError(r.error);
    }
  };
  return { busy, error, dataIdError, setDataIdError, submit };
}

function Footer({ busy, testId, label, onCancel }: { busy: boolean; testId: string; label: string; onCancel(): void }) {
  const t = useT();
  return (
    <div className="actions">
      <button type="button" className="btn btn-secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="btn btn-primary" data-testid={testId} disabled={busy} aria-busy={busy}>
        {label}
      </button>
    </div>
  );
}

function FormShell({ testId, onSubmit, children }: { testId: string; onSubmit(): void; children: ReactNode }) {
  return (
    <form
      noValidate
      className="form add-form"
      data-testid={testId}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

export function AddSystemDialog({ onDone, onCancel }: { onDone(s: InventorySystem): void; onCancel(): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [name, setName] = useState('');
  const [mlps, setMlps] = useState('');
  const [tried, setTried] = useState(false);
  const s = useSubmit(() => client.invoke('inventory.createSystem', { name: name.trim(), mlpsLevel: mlps as (typeof MLPS_LEVELS)[number] | '' }), onDone);
  const nameError = tried && !name.trim() ? t('add.nameRequired') : null;
  return (
    <Dialog title={t('add.systemTitle')} testId="add-system-dialog" onCancel={onCancel}>
      <FormShell
        testId="add-system-form"
        onSubmit={() => {
          setTried(true);
          if (!name.trim()) document.getElementById('new-system-name')?.focus();
          else void s.submit();
        }}
      >
        <Field id="new-system-name" testKey="systemName" testIdPrefix="add" label={t('add.systemName')} required errors={nameError ? [nameError] : []}>
          {(p) => <input {...p} type="text" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="new-system-mlps" label={t('add.mlps')} hint={t('add.mlpsHint')}>
          {(p) => (
            <select {...p} value={mlps} onChange={(e) => setMlps(e.target.value)}>
              <option value="">{t('entry.select')}</option>
              {MLPS_LEVELS.map((m) => (
                <option key={m} value={m}>
                  {codeLabel(t, MLPS_KEYS, m)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {s.error ? <Alert testId="add-error">{pick(s.error)}</Alert> : null}
        <Footer busy={s.busy} testId="add-system-submit" label={t('add.submit')} onCancel={onCancel} />
      </FormShell>
    </Dialog>
  );
}

export function AddResourceDialog({ systems, systemId, onDone, onCancel }: { systems: TreeSystem[]; systemId: number | undefined; onDone(e: Entry): void; onCancel(): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const first = systemId ?? systems[0]?.id;
  const [sys, setSys] = useState<number | undefined>(first);
  const [dataId, setDataId] = useState(first ? suggestResourceDataId(systems, first) : '');
  const [dataIdEdited, setDataIdEdited] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [tried, setTried] = useState(false);
  const s = useSubmit(
    () =>
      client.invoke('inventory.createResource', {
        systemId: sys!,
        dataId: dataId.trim(),
        resourceName: name.trim(),
        changes: description.trim() ? { description: description.trim() } : {},
      }),
    onDone,
  );
  const errs = {
    sys: tried && !sys ? t('add.systemRequired') : null,
    dataId: tried && !dataId.trim() ? t('entry.error.dataIdRequired') : s.dataIdError,
    name: tried && !name.trim() ? t('add.nameRequired') : null,
  };
  return (
    <Dialog title={t('add.resourceTitle')} testId="add-resource-dialog" onCancel={onCancel} initialFocus="#new-resource-name">
      <FormShell
        testId="add-resource-form"
        onSubmit={() => {
          setTried(true);
          if (!sys) document.getElementById('new-resource-system')?.focus();
          else if (!dataId.trim()) document.getElementById('new-dataId')?.focus();
          else if (!name.trim()) document.getElementById('new-resource-name')?.focus();
          else void s.submit();
        }}
      >
        <Field id="new-resource-system" testKey="system" testIdPrefix="add" label={t(ENTRY_FIELD_LABEL_KEYS.systemName)} required errors={errs.sys ? [errs.sys] : []}>
          {(p) => (
            <select
              {...p}
              value={sys ?? ''}
              onChange={(e) => {
                const id = Number(e.target.value) || undefined;
                setSys(id);
                if (id && !dataIdEdited) setDataId(suggestResourceDataId(systems, id));
              }}
            >
              <option value="">{t('entry.select')}</option>
              {systems.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="new-resource-name" testKey="resourceName" testIdPrefix="add" label={t(ENTRY_FIELD_LABEL_KEYS.resourceName)} required errors={errs.name ? [errs.name] : []}>
          {(p) => <input {...p} type="text" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="new-dataId" testKey="dataId" testIdPrefix="add" label={t(ENTRY_FIELD_LABEL_KEYS.dataId)} required hint={t('add.dataIdHint')} errors={errs.dataId ? [errs.dataId] : []}>
          {(p) => (
            <input
              {...p}
              type="text"
              className="mono"
              autoComplete="off"
              spellCheck={false}
              value={dataId}
              onChange={(e) => {
                setDataId(e.target.value);
                setDataIdEdited(true);
                s.setDataIdError(null);
              }}
            />
          )}
        </Field>
        <Field id="new-resource-description" label={t(ENTRY_FIELD_LABEL_KEYS.description)} hint={t('add.descriptionHint')}>
          {(p) => <textarea {...p} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        {s.error ? <Alert testId="add-error">{pick(s.error)}</Alert> : null}
        <Footer busy={s.busy} testId="add-resource-submit" label={t('add.submit')} onCancel={onCancel} />
      </FormShell>
    </Dialog>
  );
}

export function AddItemDialog({ systems, resourceId, onDone, onCancel }: { systems: TreeSystem[]; resourceId: number | undefined; onDone(e: Entry): void; onCancel(): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const first = resourceId ?? systems.find((s) => s.resources.length > 0)?.resources[0]?.id;
  const [res, setRes] = useState<number | undefined>(first);
  const [dataId, setDataId] = useState(first ? suggestItemDataId(systems, first) : '');
  const [dataIdEdited, setDataIdEdited] = useState(false);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const [tried, setTried] = useState(false);
  const s = useSubmit(() => {
    const changes: { itemCode?: string; description?: string } = {};
    if (code.trim()) changes.itemCode = code.trim();
    if (description.trim()) changes.description = description.trim();
    return client.invoke('inventory.createItem', { resourceId: res!, dataId: dataId.trim(), itemName: name.trim(), changes });
  }, onDone);
  const errs = {
    res: tried && !res ? t('add.resourceRequired') : null,
    dataId: tried && !dataId.trim() ? t('entry.error.dataIdRequired') : s.dataIdError,
    name: tried && !name.trim() ? t('entry.error.itemNameRequired') : null,
  };
  return (
    <Dialog title={t('add.itemTitle')} testId="add-item-dialog" onCancel={onCancel} initialFocus="#new-item-name">
      <FormShell
        testId="add-item-form"
        onSubmit={() => {
          setTried(true);
          if (!res) document.getElementById('new-item-resource')?.focus();
          else if (!dataId.trim()) document.getElementById('new-dataId')?.focus();
          else if (!name.trim()) document.getElementById('new-item-name')?.focus();
          else void s.submit();
        }}
      >
        <Field id="new-item-resource" testKey="resource" testIdPrefix="add" label={t(ENTRY_FIELD_LABEL_KEYS.resourceName)} required errors={errs.res ? [errs.res] : []}>
          {(p) => (
            <select
              {...p}
              value={res ?? ''}
              onChange={(e) => {
                const id = Number(e.target.value) || undefined;
                setRes(id);
                if (id && !dataIdEdited) setDataId(suggestItemDataId(systems, id));
              }}
            >
              <option value="">{t('entry.select')}</option>
              {systems
                .filter((x) => x.resources.length > 0)
                .map((x) => (
                  <optgroup key={x.id} label={x.name}>
                    {x.resources.map((r) => (
                      <option key={r.id} value={r.id}>
                        {`${r.dataId} ${r.name}`}
                      </option>
                    ))}
                  </optgroup>
                ))}
            </select>
          )}
        </Field>
        <Field id="new-item-name" testKey="itemName" testIdPrefix="add" label={t(ENTRY_FIELD_LABEL_KEYS.itemName)} required errors={errs.name ? [errs.name] : []}>
          {(p) => <input {...p} type="text" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="new-dataId" testKey="dataId" testIdPrefix="add" label={t(ENTRY_FIELD_LABEL_KEYS.dataId)} required hint={t('add.dataIdHint')} errors={errs.dataId ? [errs.dataId] : []}>
          {(p) => (
            <input
              {...p}
              type="text"
              className="mono"
              autoComplete="off"
              spellCheck={false}
              value={dataId}
              onChange={(e) => {
                setDataId(e.target.value);
                setDataIdEdited(true);
                s.setDataIdError(null);
              }}
            />
          )}
        </Field>
        <Field id="new-item-code" label={t(ENTRY_FIELD_LABEL_KEYS.itemCode)} hint={t('add.itemCodeHint')}>
          {(p) => <input {...p} type="text" className="mono" autoComplete="off" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field id="new-item-description" label={t(ENTRY_FIELD_LABEL_KEYS.description)} hint={t('add.descriptionHint')}>
          {(p) => <textarea {...p} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        {s.error ? <Alert testId="add-error">{pick(s.error)}</Alert> : null}
        <Footer busy={s.busy} testId="add-item-submit" label={t('add.submit')} onCancel={onCancel} />
      </FormShell>
    </Dialog>
  );
}
