// Type checks of the widgets' hand-written declarations (`cxkit/widgets`, www/widgets/index.d.ts).
import type { CxDashboard, CxKpis, CxStaffing, DashboardReport } from 'cxkit/widgets';
import type { KpiResult } from 'cxkit';

export function widgets(): number {
  const board = document.createElement('cx-dashboard');
  const typed: CxDashboard = board;
  const report: DashboardReport | null = typed.report;
  const nps: number | undefined = report?.series[0]?.nps ?? undefined;
  board.records = { surveys: [{ id: 's1', kind: 'nps', value: 9 }] };
  board.refresh();
  const kpis: CxKpis = document.createElement('cx-kpis');
  const given: KpiResult | null = null;
  kpis.result = given;
  const staffing: CxStaffing = document.createElement('cx-staffing');
  staffing.refresh();
  // @ts-expect-error: a dashboard's records are cxkit records, not a string
  board.records = 'contacts.csv';
  return (nps ?? 0) + (report?.records.contacts ?? 0);
}
