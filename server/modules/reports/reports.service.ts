/**
 * Report forms (issue 6): the figures of a form for a unit — its own work, each unit directly
 * under it, and the total — over a period; the list behind any figure (the same compiled
 * predicate, so the list reconciles with the figure); exports (XLSX in the form's layout, PDF for
 * signing, CSV of a list), each audited. Never for the administrator; a unit outside the
 * caller's scope is refused. Counts run as the owner role bounded by the scope filter (RLS cannot
 * let ltree/range operators use the indexes); rows are read back under row-level security.
 */
import { addDays, startOfVnDay, toVnDate, type IsoDate } from '../../../shared/calendar/index.ts';
import { countedCells, formCells, REPORT_FORMS, type FormCell, type ReportForm } from '../../../shared/reports/forms.ts';
import { reportPeriod, type PeriodKind, type ReportPeriod } from '../../../shared/reports/periods.ts';
import { isWithinAny } from '../../../shared/unit-path.ts';
import type { Db } from '../../db/client.ts';
import { outsideScope, withScope } from '../../db/scoped.ts';
import { commonErrors } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.log.ts';
import { requirePetitionRead } from '../access/policy.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import { createAnalyticsService } from './analytics.service.ts';
import { createKpis } from './kpis.ts';
import type { CellScope } from './form-query.ts';
import { csvOfList, listItemsOf, renderReportPdf, renderReportXlsx, type ReportListItem } from './report-export.ts';
import { reportErrors } from './reports.errors.ts';
import { createReportsRepository } from './reports.repository.ts';

export { reportErrors };

/** The longest list a CSV export holds (the whole list, or a clear refusal). */
export const CSV_MAX_ROWS = 100_000;

export interface PeriodQuery {
  period?: PeriodKind;
  year?: number;
  index?: number;
  from?: string;
  to?: string;
  unitId?: string;
  /** Only the unit's own row (not its subtree): the drill-down of the first row of a form. */
  own?: boolean;
}

export interface ReportRow {
  unitId: string;
  unitCode: string;
  unitName: string;
  /** The unit's own work (the root of the report), not a subtree. */
  own: boolean;
  values: Record<string, number>;
}

export interface ReportFigures {
  form: { code: string; number: string; title: { vi: string; en: string } };
  unit: { id: string; name: string; code: string };
  period: ReportPeriod;
  rows: ReportRow[];
  /** The total row (= the sum of the rows). */
  values: Record<string, number>;
}

export function createReportsService(deps: { db: Db; cutoffDay?: number }) {
  const units = createUnitsRepository(deps.db);

  function formOf(code: string): ReportForm {
    const form = REPORT_FORMS.find((f) => f.code === code);
    if (!form) throw reportErrors.unknownForm();
    return form;
  }

  function periodOf(q: PeriodQuery): ReportPeriod {
    const kind = q.period ?? 'CUSTOM';
    const period = kind === 'CUSTOM' ? { from: q.from as IsoDate, to: q.to as IsoDate } : reportPeriod(kind, q.year ?? Number(toVnDate(new Date()).slice(0, 4)), q.index ?? 1, deps.cutoffDay ?? 15);
    if (!period.from || !period.to || period.from > period.to || Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4)) > 5) throw reportErrors.badPeriod();
    return period;
  }

  async function scopeOf(user: AuthUser, q: PeriodQuery) {
    const scope = requirePetitionRead(user);
    const unit = await units.findById(q.unitId ?? user.unitId);
    if (!unit || !isWithinAny(unit.path, scope)) throw commonErrors.forbidden();
    const period = periodOf(q);
    const cells: CellScope = { root: unit.path, own: q.own === true, from: startOfVnDay(period.from), until: startOfVnDay(addDays(period.to, 1)), fromDate: period.from, toDate: period.to };
    return { scope, unit, period, cells };
  }

  async function figures(user: AuthUser, formCode: string, q: PeriodQuery): Promise<ReportFigures> {
    const form = formOf(formCode);
    const { scope, unit, period, cells } = await scopeOf(user, { ...q, own: false });
    const counted = countedCells(form);
    const zero = () => Object.fromEntries(counted.map((c) => [c.code, 0])) as Record<string, number>;
    const { byRow, children } = await withScope(deps.db, scope, async (tx) => {
      const repo = createReportsRepository(tx);
      return { byRow: await outsideScope(tx, () => repo.figures(counted, cells)), children: await repo.childUnits(unit.id) };
    });
    const rows: ReportRow[] = [
      { unitId: unit.id, unitCode: unit.code, unitName: unit.name, own: true, values: { ...zero(), ...byRow.get(unit.path) } },
      ...children
        .filter((c) => !c.closed || byRow.has(c.path))
        .map((c) => ({ unitId: c.id, unitCode: c.code, unitName: c.name, own: false, values: { ...zero(), ...byRow.get(c.path) } }))
    ];
    const values = zero();
    for (const r of rows) for (const c of counted) values[c.code]! += r.values[c.code] ?? 0;
    return { form: { code: form.code, number: form.number, title: form.title }, unit: { id: unit.id, name: unit.name, code: unit.code }, period, rows, values };
  }

  function countedCell(form: ReportForm, cellCode: string): FormCell & { query: NonNullable<FormCell['query']> } {
    const cell = formCells(form).find((c) => c.code === cellCode);
    if (!cell || !cell.query) throw reportErrors.unknownCell();
    return cell as FormCell & { query: NonNullable<FormCell['query']> };
  }

  /** The list behind one figure: its length (or, for people, the sum of its people column) is the figure. */
  async function cellList(user: AuthUser, formCode: string, cellCode: string, q: PeriodQuery, limit: number): Promise<{ cell: FormCell; total: number; items: ReportListItem[] }> {
    const form = formOf(formCode);
    const cell = countedCell(form, cellCode);
    const { scope, cells } = await scopeOf(user, q);
    return withScope(deps.db, scope, async (tx) => {
      const repo = createReportsRepository(tx);
      // Ids and the count by the indexes, bounded by the scope filter; the rows under RLS.
      const { ids, total } = await outsideScope(tx, async () => ({ ids: await repo.listIds(cell.query, cells, limit), total: await repo.listCount(cell.query, cells) }));
      return { cell, total, items: await listItemsOf(repo, cell.query, ids) };
    });
  }

  const audit = (user: AuthUser, unitPath: string, details: Record<string, unknown>) =>
    appendAudit(deps.db, { actorId: user.id, actorLabel: user.identifierCode, action: 'report.export', entityType: 'report', entityId: null, unitPath, details });

  const analytics = createAnalyticsService({ db: deps.db });
  const kpis = createKpis({ db: deps.db });

  return {
    /** Dashboard KPIs of the caller's scope (exact; from the kept counts at national and provincial level). */
    kpis: (user: AuthUser) => kpis.forUser(user),

    async analytics(user: AuthUser, q: PeriodQuery) {
      const { scope, unit, period, cells } = await scopeOf(user, { ...q, own: false });
      return { unit: { id: unit.id, name: unit.name }, period, ...(await analytics.compute(scope, { subtree: cells.root, from: cells.from, until: cells.until })) };
    },

    forms: () => REPORT_FORMS,
    figures,
    cellList,

    async exportXlsx(user: AuthUser, formCode: string, q: PeriodQuery): Promise<{ bytes: Buffer; fileName: string }> {
      const report = await figures(user, formCode, q);
      const bytes = await renderReportXlsx(formOf(formCode), report, new Date());
      await audit(user, report.unit.code, { form: formCode, format: 'xlsx', unit: report.unit.code, from: report.period.from, to: report.period.to });
      return { bytes, fileName: `${report.form.code}-${report.unit.code}-${report.period.from}-${report.period.to}.xlsx` };
    },

    async exportPdf(user: AuthUser, formCode: string, q: PeriodQuery): Promise<{ bytes: Buffer; fileName: string }> {
      const report = await figures(user, formCode, q);
      const bytes = await renderReportPdf(formOf(formCode), report, new Date());
      await audit(user, report.unit.code, { form: formCode, format: 'pdf', unit: report.unit.code, from: report.period.from, to: report.period.to });
      return { bytes, fileName: `${report.form.code}-${report.unit.code}-${report.period.from}-${report.period.to}.pdf` };
    },

    async exportCsv(user: AuthUser, formCode: string, cellCode: string, q: PeriodQuery): Promise<{ bytes: Buffer; fileName: string }> {
      const { cell, items, total } = await cellList(user, formCode, cellCode, q, CSV_MAX_ROWS);
      // The file must hold the whole list behind the figure, never a silent part of it.
      if (total > CSV_MAX_ROWS) throw reportErrors.listTooLarge();
      const { unit, period } = await scopeOf(user, q);
      await audit(user, unit.code, { form: formCode, cell: cellCode, format: 'csv', unit: unit.code, own: q.own === true, from: period.from, to: period.to, rows: items.length });
      return { bytes: csvOfList(cell.query!.source, items), fileName: `${formCode}-${cellCode}-${unit.code}-${period.from}-${period.to}.csv` };
    }
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
