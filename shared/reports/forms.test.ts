import { describe, expect, it } from 'vitest';
import { ACTION_CODES } from '../procedure/state-machine.ts';
import { countedCells, formCells, headerLayout, REPORT_FORMS } from './forms.ts';

describe('report forms as data', () => {
  it('give every cell a unique code, and every sum names counted cells of its form', () => {
    for (const form of REPORT_FORMS) {
      const codes = formCells(form).map((c) => c.code);
      expect(new Set(codes).size, form.code).toBe(codes.length);
      const counted = new Set(countedCells(form).map((c) => c.code));
      for (const { total, parts } of form.identities) for (const code of [total, ...parts]) expect(counted.has(code), `${form.code} ${code}`).toBe(true);
    }
  });

  it('count only steps of the state machine (or the intake) and filters their source has', () => {
    const steps = new Set<string>([...ACTION_CODES, 'TIEP_NHAN', 'KHIEU_NAI_LAN_2']);
    for (const form of REPORT_FORMS) {
      for (const cell of countedCells(form)) {
        const { source, where = {} } = cell.query!;
        for (const action of [...(where.outAction ?? []), ...(where.inAction ?? [])]) expect(steps.has(action), `${form.code} ${cell.code} ${action}`).toBe(true);
        const reception = source === 'VISIT' || source === 'SESSION';
        const petitionFilters = ['typeIn', 'typeOut', 'senderKind', 'outAction', 'inAction', 'eligible', 'result', 'round', 'onTime'].filter((k) => k in where);
        const receptionFilters = ['sessionType', 'hostMode', 'visitRound', 'group'].filter((k) => k in where);
        expect(reception ? petitionFilters : receptionFilters, `${form.code} ${cell.code}`).toEqual([]);
      }
    }
  });

  it('lay the headers out as a grid: every column covered once on the last header row, groups spanning their cells', () => {
    const { depth, boxes, cells } = headerLayout(REPORT_FORMS[0]!);
    expect(depth).toBe(3);
    const covered = new Array(cells.length).fill(0);
    for (const b of boxes) if (b.row + b.rowSpan === depth) for (let c = b.col; c < b.col + b.colSpan; c++) covered[c] += 1;
    expect(covered.every((n) => n === 1)).toBe(true);
    const received = boxes.find((b) => b.label.vi === 'Tiếp nhận trong kỳ')!;
    expect(received).toMatchObject({ row: 1, col: 2, rowSpan: 1, colSpan: 4 });
    expect(boxes.find((b) => b.code === 'TONG')).toMatchObject({ row: 1, col: 0, rowSpan: 2, colSpan: 1 });
    expect(boxes.find((b) => b.code === 'CHUA_XU_LY')).toMatchObject({ row: 0, rowSpan: 3 });
  });
});
