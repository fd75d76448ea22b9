/**
 * What each cell of a form counts, as ONE SQL predicate on a petition `p` for a unit subtree and
 * a period: the figure is count(*) under it and the drill-down list is the rows under it, so the
 * list's length is the figure (issue 6 item 2).
 *
 * A petition belongs to a unit's report when the unit held it (its path is in the subtree) or
 * took a step on it in the period (a transfer counts for the unit that transferred). Steps are
 * counted by the unit that took them (petition_events.unit_path) and the day they were taken.
 */
import { sql, type SQL } from 'drizzle-orm';

export interface CellScope {
  /** Unit subtree (ltree path). */
  subtree: string;
  /** Start of the period (inclusive) and its end (exclusive), as instants. */
  from: Date;
  until: Date;
}

const held = (s: CellScope) => sql`p.unit_path <@ ${s.subtree}::ltree`;
const stepBy = (s: CellScope, actions: readonly string[]) => sql`EXISTS (
  SELECT 1 FROM petition_events e WHERE e.petition_id = p.id AND e.unit_path <@ ${s.subtree}::ltree
     AND e.occurred_at >= ${s.from} AND e.occurred_at < ${s.until} AND e.action IN (${sql.join(actions.map((a) => sql`${a}`), sql`, `)}))`;
/** Received (or transferred in and accepted) by the unit before or in the period. */
const concerned = (s: CellScope) => sql`(${held(s)} OR ${stepBy(s, ['TIEP_NHAN', 'KHIEU_NAI_LAN_2', 'TIEP_NHAN_CHUYEN', 'CHUYEN_DON_NOI_BO', 'TRA_LAI_CHUYEN'])})`;
const carriedOver = (s: CellScope) => sql`(p.received_at < ${s.from} AND (p.closed_at IS NULL OR p.closed_at >= ${s.from}) AND ${concerned(s)})`;
const receivedIn = (s: CellScope) => sql`(p.received_at >= ${s.from} AND p.received_at < ${s.until} AND ${concerned(s)})`;
const total = (s: CellScope) => sql`(${carriedOver(s)} OR ${receivedIn(s)})`;

/** Handling decisions that make a letter "processed" (xử lý đơn, TT 05/2021). */
const HANDLING = ['LUU_DON', 'GOP_VU_VIEC', 'HUONG_DAN', 'CHUYEN_DON_NOI_BO', 'CHUYEN_DON_NGOAI', 'TRA_LAI_DON', 'DE_XUAT_THU_LY', 'GIAO_GIAI_QUYET'] as const;

export const CELL_PREDICATES: Record<string, (s: CellScope) => SQL> = {
  TONG: total,
  KY_TRUOC: carriedOver,
  TRONG_KY: receivedIn,
  MOT_NGUOI: (s) => sql`(${receivedIn(s)} AND p.sender_kind = 'CA_NHAN')`,
  NHIEU_NGUOI: (s) => sql`(${receivedIn(s)} AND p.sender_kind = 'NHIEU_NGUOI')`,
  KHAC: (s) => sql`(${receivedIn(s)} AND p.sender_kind IN ('TO_CHUC', 'NAC_DANH'))`,
  DA_XU_LY: (s) => sql`(${total(s)} AND ${stepBy(s, HANDLING)})`,
  DU_DIEU_KIEN: (s) => sql`(${total(s)} AND p.eligible IS TRUE)`,
  KHIEU_NAI: (s) => sql`(${total(s)} AND p.type = 'KHIEU_NAI')`,
  TO_CAO: (s) => sql`(${total(s)} AND p.type = 'TO_CAO')`,
  KIEN_NGHI_PHAN_ANH: (s) => sql`(${total(s)} AND p.type IN ('KIEN_NGHI', 'PHAN_ANH'))`,
  NHIEU_NOI_DUNG: (s) => sql`(${total(s)} AND p.type = 'NHIEU_NOI_DUNG')`,
  THUOC_THAM_QUYEN: (s) => sql`(${total(s)} AND ${stepBy(s, HANDLING)} AND p.competence = 'THUOC_THAM_QUYEN')`,
  HUONG_DAN: (s) => stepBy(s, ['HUONG_DAN']),
  CHUYEN_DON: (s) => stepBy(s, ['CHUYEN_DON_NOI_BO', 'CHUYEN_DON_NGOAI']),
  DON_DOC: (s) => stepBy(s, ['DON_DOC']),
  LUU_DON: (s) => stepBy(s, ['LUU_DON']),
  PHUC_DAP: (s) => stepBy(s, ['NHAN_PHUC_DAP'])
};
