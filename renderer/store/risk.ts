/**
 * The risk assessment area's view state, kept while the officer visits other areas and comes back:
 * which project is open, which tab and register, and the heat-map cell filtering the risk list.
 */
import { create } from 'zustand';
import type { RegisterKind } from '../../main/domain/risk';

export const RISK_TABS = ['overview', 'registers', 'checklist', 'risks', 'report'] as const;
export type RiskTab = (typeof RISK_TABS)[number];

export interface HeatCell {
  likelihood: number;
  impact: number;
}

interface RiskState {
  workspacePath: string | undefined;
  projectId: number | null;
  tab: RiskTab;
  registerKind: RegisterKind;
  cell: HeatCell | null;
  /** A message for the page that opens next (e.g. "created"). */
  notice: string;
  resetFor(workspacePath: string | undefined): void;
  openProject(projectId: number, notice?: string): void;
  closeProject(notice?: string): void;
  setTab(tab: RiskTab): void;
  setRegisterKind(kind: RegisterKind): void;
  setCell(cell: HeatCell | null): void;
  clearNotice(): void;
}

const initial = { projectId: null, tab: 'overview' as RiskTab, registerKind: 'activity' as RegisterKind, cell: null, notice: '' };

export const useRiskStore = create<RiskState>((set, get) => ({
  workspacePath: undefined,
  ...initial,
  resetFor(workspacePath) {
    if (get().workspacePath !== workspacePath) set({ ...initial, workspacePath });
  },
  openProject(projectId, notice = '') {
    set({ projectId, tab: 'overview', cell: null, notice });
  },
  closeProject(notice = '') {
    set({ projectId: null, cell: null, notice });
  },
  setTab(tab) {
    set({ tab });
  },
  setRegisterKind(registerKind) {
    set({ registerKind });
  },
  setCell(cell) {
    set({ cell });
  },
  clearNotice() {
    set({ notice: '' });
  },
}));
