// @vitest-environment jsdom
/**
 * The risk report tab, with a client that answers like the backend: the narrative a team writes is
 * sent as only the changed sections; a PDF refused for want of a browser engine says so plainly,
 * while the .docx still shows where it was written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { createClient, type Client } from '../../../main/api/client';
import type { Result } from '../../../main/api/result';
import type { ReportSectionPreview, RiskProject } from '../../../main/api/contract/risk';
import { blankNarrative, defaultPhases, parseRiskMatrix } from '../../../main/domain/risk';
import matrixJson from '../../../resources/risk/matrix.json';
import { ApiContext } from '../../../renderer/api/context';
import { Report } from '../../../renderer/views/risk/Report';
import { useLangStore } from '../../../renderer/store/lang';
import { useSessionStore } from '../../../renderer/store/session';
import type { ProjectContext } from '../../../renderer/views/risk/Risk';

const PROJECT: RiskProject = {
  id: 4,
  year: 2026,
  title: '2026年度数据安全风险评估',
  copiedFrom: null,
  team: [],
  phases: defaultPhases(),
  matrix: parseRiskMatrix(matrixJson),
  narrative: blankNarrative(),
  checklistPack: { id: 'default', name: 'default', version: 1 },
  scopeCount: 3,
  createdAt: '2026-11-22T00:00:00Z',
  updatedAt: '2026-11-22T00:00:00Z',
};

const SECTIONS: ReportSectionPreview[] = [
  { key: 'overview', title: '评估概述', titleEn: 'Overview', narrative: '', generated: '本次评估覆盖 3 项数据资源。' },
  { key: 'method', title: '评估方法', titleEn: 'Method', narrative: '访谈与文档审查。', generated: '参照 GB/T 45577-2025。' },
];

type Call = { channel: string; input: Record<string, unknown> };

function fakeClient() {
  const calls: Call[] = [];
  const client: Client = createClient({
    async invoke(channel, input): Promise<Result<unknown>> {
      const i = input as Record<string, unknown>;
      calls.push({ channel, input: i });
      if (channel === 'risk.report.preview') return { ok: true, value: SECTIONS };
      if (channel === 'risk.project.update') return { ok: true, value: { ...PROJECT, narrative: { ...PROJECT.narrative, ...(i.narrative as object) } } };
      if (channel === 'risk.report.generate' && i.format === 'pdf')
        return { ok: false, error: { code: 'PDF_UNAVAILABLE', message_zh: '找不到 Chromium，无法生成 PDF。', message_en: 'No Chromium found: cannot make a PDF.' } };
      if (channel === 'risk.report.generate')
        return { ok: true, value: { path: String(i.path), format: 'docx', bytes: 15_000, draft: false, sm3: 'ab'.repeat(32), ms: 42 } };
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message_zh: '未知的请求', message_en: 'Unknown request' } };
    },
  });
  return { client, calls };
}

function renderReport(client: Client) {
  const ctx: ProjectContext = { project: PROJECT, scope: [], setProject: () => undefined, reloadScope: () => undefined };
  return render(
    <ApiContext.Provider value={client}>
      <Report ctx={ctx} />
    </ApiContext.Provider>,
  );
}

describe('risk report tab', () => {
  beforeEach(() => {
    useLangStore.setState({ lang: 'zh-CN' });
    useSessionStore.setState({ status: { state: 'open', path: '/data/ws/hospital.dsw', name: '示例医院', role: 'unit', operator: '张三', idleLockMinutes: 10 } });
  });
  afterEach(cleanup);

  it('saves only the sections the team changed, and shows the generated text of an empty one', async () => {
    const { client, calls } = fakeClient();
    const view = renderReport(client);
    const overview = await view.findByTestId('risk-narrative-overview');
    expect(view.getByText('本次评估覆盖 3 项数据资源。')).toBeTruthy();
    expect((view.getByTestId('risk-report-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(overview, { target: { value: '由信息中心牵头。' } });
    expect((view.getByTestId('risk-report-save') as HTMLButtonElement).disabled).toBe(false);
    expect(view.getByTestId('risk-report-unsaved')).toBeTruthy();
    fireEvent.click(view.getByTestId('risk-report-save'));
    await waitFor(() => expect(view.getByTestId('risk-report-status').textContent).toContain('已保存 1 节'));
    const update = calls.find((c) => c.channel === 'risk.project.update')!;
    expect(update.input).toEqual({ projectId: 4, narrative: { overview: '由信息中心牵头。' } });
  });

  it('proposes file names beside the workspace, says where the .docx went, and says plainly when PDF cannot be made here', async () => {
    const { client, calls } = fakeClient();
    const view = renderReport(client);
    const docxPath = (await view.findByTestId('risk-report-path-docx')) as HTMLInputElement;
    expect(docxPath.value).toBe('/data/ws/2026年度数据安全风险评估报告.docx');
    expect((view.getByTestId('risk-report-path-pdf') as HTMLInputElement).value).toBe('/data/ws/2026年度数据安全风险评估报告.pdf');

    fireEvent.click(view.getByTestId('risk-report-generate-docx'));
    const written = await view.findByTestId('risk-report-written-docx');
    expect(written.textContent).toContain('/data/ws/2026年度数据安全风险评估报告.docx');
    expect(calls.find((c) => c.channel === 'risk.report.generate')!.input).toMatchObject({ projectId: 4, format: 'docx', overwrite: false });

    fireEvent.click(view.getByTestId('risk-report-generate-pdf'));
    const error = await view.findByTestId('risk-report-error-pdf');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('本机无法生成 PDF');
    expect(error.textContent).toContain('找不到 Chromium');
    // The .docx result stays.
    expect(view.getByTestId('risk-report-written-docx')).toBeTruthy();
  });
});
