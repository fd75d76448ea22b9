/**
 * The org-unit tree: reading (scope-bounded, searchable) and its administration (create, rename,
 * move, close). Every write takes the tree lock and records unit_history and the audit log in the
 * same transaction as the change.
 *
 * Decisions (see migrations/0005_units.sql):
 *  - codes are immutable; the path label is the code with '-' as '_' (ltree labels are [A-Za-z0-9_]);
 *  - a move rewrites the subtree's paths and petitions.unit_path in one transaction, so scope
 *    filters, row-level security and accounts' scopes (joined from units at each request) follow;
 *  - closing sets valid_to and a reason: the unit stays readable, takes no new children or petitions.
 */
import { isWithin, isWithinAny } from '../../../shared/unit-path.ts';
import { mayBeChildOf, type UnitKind } from '../../../shared/unit-kinds.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { commonErrors } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.log.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { todayInVietnam } from './reference/admin-units.ts';
import { unitErrors } from './units.errors.ts';
import { createUnitsRepository, type UnitKeyset, type UnitListRow } from './units.repository.ts';
import type {
  CloseUnitInput,
  CreateUnitInput,
  ListUnitsQueryInput,
  MovedUnitDto,
  MoveUnitInput,
  RenameUnitInput,
  UnitDetailDto,
  UnitDto,
  UnitHistoryDto,
  UnitPageDto
} from './units.schemas.ts';
import type { UnitHistoryAction, UnitRow } from './units.table.ts';

export interface UnitsServiceDeps {
  db: Db;
  now?: () => Date;
}

/** Who is asking, from where (for the audit log). */
export interface RequestMeta {
  ip?: string | null;
}

/** Default levels listed when no other filter narrows the list: the root and the provinces. */
const DEFAULT_DEPTH = 2;
const DEFAULT_LIMIT = 200;

/** ltree label of a unit code ('01-TT' → '01_TT'). */
export function pathLabelOf(code: string): string {
  return code.replace(/-/g, '_');
}

export function normaliseUnitCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Trim and collapse inner runs of spaces: names are compared and searched as people read them. */
function tidy(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

export function toUnitDto(u: UnitRow & { hasChildren?: boolean }): UnitDto {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    kind: u.kind as UnitKind,
    path: u.path,
    parentId: u.parentId,
    provinceCode: u.provinceCode,
    validFrom: u.validFrom,
    closedOn: u.validTo,
    closedReason: u.closedReason,
    hasChildren: u.hasChildren ?? false
  };
}

function encodeCursor(k: UnitKeyset): string {
  return Buffer.from(JSON.stringify([k.rank, k.level, k.path])).toString('base64url');
}

function decodeCursor(cursor: string): UnitKeyset {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3) {
      const [rank, level, path] = value as unknown[];
      if (Number.isInteger(rank) && Number.isInteger(level) && typeof path === 'string' && /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(path)) {
        return { rank: rank as number, level: level as number, path };
      }
    }
  } catch {
    /* fall through */
  }
  throw unitErrors.badCursor();
}

/** Units are not petition data: anyone may read the units of their own unit's subtree and of their scope. */
function readScope(user: AuthUser): string[] {
  return [...new Set([user.unitPath, ...user.scopePaths])];
}

function requireAdmin(user: AuthUser): void {
  if (user.role !== 'ADMIN') throw commonErrors.forbidden();
}

/** An administrator manages the units inside their own subtree only. */
function requireAdminOver(user: AuthUser, path: string): void {
  if (!isWithinAny(path, user.scopePaths)) throw commonErrors.forbidden();
}

function fieldError(field: string, vi: string, en: string) {
  return commonErrors.validation([{ field, message: vi, messageEn: en }]);
}

/**
 * For other modules (petition intake, transfers): refuse a closed unit with a clear 409.
 * LEAD: petitions.service create() should call `assertUnitOpen(unit)` after loading the unit
 * (the database trigger petitions_unit_open refuses it anyway, but as a bare 500).
 */
export function assertUnitOpen(unit: Pick<UnitRow, 'validTo'>): void {
  if (unit.validTo) throw unitErrors.closed();
}

export function createUnitsService(deps: UnitsServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const units = createUnitsRepository(deps.db);

  async function record(
    tx: DbOrTx,
    user: AuthUser,
    meta: RequestMeta,
    unit: UnitRow,
    action: UnitHistoryAction,
    change: { oldValues?: Record<string, unknown> | null; newValues?: Record<string, unknown> | null; note?: string | null; details?: Record<string, unknown> }
  ): Promise<void> {
    await createUnitsRepository(tx).insertHistory({
      unitId: unit.id,
      action,
      actorId: user.id,
      actorLabel: user.identifierCode,
      oldValues: change.oldValues ?? null,
      newValues: change.newValues ?? null,
      note: change.note ?? null,
      details: change.details ?? {}
    });
    await appendAudit(tx, {
      actorId: user.id,
      actorLabel: user.identifierCode,
      action: `unit.${action.toLowerCase()}`,
      entityType: 'unit',
      entityId: unit.id,
      unitPath: unit.path,
      ip: meta.ip ?? null,
      details: { code: unit.code, old: change.oldValues ?? null, new: change.newValues ?? null, ...(change.details ?? {}) }
    });
  }

  /** The unit for an admin write, checked and (inside the lock) current. */
  async function unitForWrite(tx: DbOrTx, user: AuthUser, id: string): Promise<UnitRow> {
    const unit = await createUnitsRepository(tx).findById(id);
    if (!unit) throw unitErrors.notFound();
    requireAdminOver(user, unit.path);
    return unit;
  }

  async function parentForWrite(tx: DbOrTx, user: AuthUser, parentId: string): Promise<UnitRow> {
    const parent = await createUnitsRepository(tx).findById(parentId);
    if (!parent) throw unitErrors.parentNotFound([{ field: 'parentId', message: 'Đơn vị cấp trên: không tồn tại.', messageEn: 'Parent unit: does not exist.' }]);
    requireAdminOver(user, parent.path);
    return parent;
  }

  return {
    async list(user: AuthUser, query: ListUnitsQueryInput): Promise<UnitPageDto> {
      const narrowed = query.parentId !== undefined || query.q !== undefined || (query.kind?.length ?? 0) > 0;
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await units.search({
        scope: readScope(user),
        parentId: query.parentId,
        q: query.q,
        kinds: query.kind,
        includeClosed: query.includeClosed ?? false,
        maxDepth: query.depth ?? (narrowed ? undefined : DEFAULT_DEPTH),
        limit,
        after: query.cursor ? decodeCursor(query.cursor) : undefined
      });
      const page = rows.slice(0, limit);
      return {
        items: page.map((r) => toUnitDto(r.row)),
        nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.keyset) : null
      };
    },

    /**
     * The national directory of open bodies, by name or code: where a petition may be transferred
     * or guided. Names and codes of public bodies only (not petition data), for any account.
     */
    async directory(query: { q: string; limit?: number }): Promise<UnitDto[]> {
      const rows = await units.search({ scope: ['VN'], q: query.q, includeClosed: false, limit: query.limit ?? 20 });
      return rows.map((r) => toUnitDto(r.row));
    },

    async get(user: AuthUser, id: string): Promise<UnitDetailDto> {
      const unit = await units.findListRowById(id);
      if (!unit || !isWithinAny(unit.path, readScope(user))) throw unitErrors.notFound();
      const ancestors = await units.ancestors(unit.path);
      return { ...toUnitDto(unit), ancestors: ancestors.map(toUnitDto) };
    },

    async history(user: AuthUser, id: string, limit = 100): Promise<{ items: UnitHistoryDto[] }> {
      const unit = await units.findById(id);
      if (!unit || !isWithinAny(unit.path, readScope(user))) throw unitErrors.notFound();
      const rows = await units.listHistory(unit.id, limit);
      return {
        items: rows.map((h) => ({
          id: String(h.id),
          action: h.action,
          actorId: h.actorId,
          actorLabel: h.actorLabel,
          occurredAt: h.occurredAt.toISOString(),
          oldValues: h.oldValues ?? null,
          newValues: h.newValues ?? null,
          note: h.note,
          details: h.details
        }))
      };
    },

    async create(user: AuthUser, input: CreateUnitInput, meta: RequestMeta = {}): Promise<UnitDto> {
      requireAdmin(user);
      const code = normaliseUnitCode(input.code);
      const name = tidy(input.name);
      const shortName = input.shortName === undefined ? null : tidy(input.shortName) || null;
      if (name.length < 2) throw fieldError('name', 'Tên đơn vị: cần ít nhất 2 ký tự (không tính khoảng trắng).', 'Unit name: must be at least 2 characters (spaces do not count).');
      const validFrom = input.validFrom ?? todayInVietnam(now());

      const created = await deps.db.transaction(async (tx) => {
        const repo = createUnitsRepository(tx);
        await repo.lockTree();
        const parent = await parentForWrite(tx, user, input.parentId);
        if (parent.validTo) throw unitErrors.parentClosed();
        if (!mayBeChildOf(input.kind, parent.kind as UnitKind)) throw unitErrors.kindNotAllowedUnder();
        const path = `${parent.path}.${pathLabelOf(code)}`;
        if ((await repo.findByCode(code)) || (await repo.findByPath(path))) throw unitErrors.duplicateCode();
        const unit = await repo.insert({
          code,
          name,
          shortName,
          kind: input.kind,
          parentId: parent.id,
          path,
          provinceCode: parent.provinceCode,
          validFrom
        });
        await record(tx, user, meta, unit, 'CREATE', {
          newValues: { code, name, shortName, kind: input.kind, parentId: parent.id, parentCode: parent.code, path, validFrom }
        });
        return unit;
      });
      return toUnitDto(created);
    },

    async rename(user: AuthUser, id: string, input: RenameUnitInput, meta: RequestMeta = {}): Promise<UnitDto> {
      requireAdmin(user);
      const name = input.name === undefined ? undefined : tidy(input.name);
      if (name !== undefined && name.length < 2) throw fieldError('name', 'Tên đơn vị: cần ít nhất 2 ký tự (không tính khoảng trắng).', 'Unit name: must be at least 2 characters (spaces do not count).');
      const shortName = input.shortName === undefined ? undefined : input.shortName === null ? null : tidy(input.shortName) || null;

      const renamed = await deps.db.transaction(async (tx) => {
        const repo = createUnitsRepository(tx);
        await repo.lockTree();
        const unit = await unitForWrite(tx, user, id);
        if (unit.validTo) throw unitErrors.closed();
        const changes: { name?: string; shortName?: string | null } = {};
        if (name !== undefined && name !== unit.name) changes.name = name;
        if (shortName !== undefined && shortName !== unit.shortName) changes.shortName = shortName;
        if (Object.keys(changes).length === 0) throw unitErrors.nothingToChange();
        const oldValues = Object.fromEntries(Object.keys(changes).map((k) => [k, unit[k as keyof typeof changes]]));
        const updated = await repo.update(unit.id, changes);
        await record(tx, user, meta, updated, 'RENAME', { oldValues, newValues: changes, note: input.note ? tidy(input.note) : null });
        return updated;
      });
      return toUnitDto((await units.findListRowById(renamed.id))!);
    },

    async move(user: AuthUser, id: string, input: MoveUnitInput, meta: RequestMeta = {}): Promise<MovedUnitDto> {
      requireAdmin(user);
      const result = await deps.db.transaction(async (tx) => {
        const repo = createUnitsRepository(tx);
        await repo.lockTree();
        const unit = await unitForWrite(tx, user, id);
        if (!unit.parentId) throw unitErrors.rootImmutable();
        if (unit.validTo) throw unitErrors.closed();
        const parent = await parentForWrite(tx, user, input.parentId);
        if (isWithin(parent.path, unit.path)) throw unitErrors.moveIntoOwnSubtree();
        if (parent.validTo) throw unitErrors.parentClosed();
        if (!mayBeChildOf(unit.kind as UnitKind, parent.kind as UnitKind)) throw unitErrors.kindNotAllowedUnder();
        if (parent.id === unit.parentId) return { unit, movedUnits: 0, movedPetitions: 0 };

        const oldParent = await repo.findById(unit.parentId);
        const label = unit.path.slice(unit.path.lastIndexOf('.') + 1);
        const newPath = `${parent.path}.${label}`;
        if (await repo.findByPath(newPath)) throw unitErrors.duplicateCode();
        const movedUnits = await repo.rebaseSubtree(unit.path, parent.path);
        const moved = await repo.update(unit.id, { parentId: parent.id });
        await repo.refreshProvinceCodes(newPath);
        const movedPetitions = await repo.rebasePetitionPaths(unit.path, parent.path);
        const current = (await repo.findById(moved.id))!;
        await record(tx, user, meta, current, 'MOVE', {
          oldValues: { parentId: unit.parentId, parentCode: oldParent?.code ?? null, path: unit.path, provinceCode: unit.provinceCode },
          newValues: { parentId: parent.id, parentCode: parent.code, path: newPath, provinceCode: current.provinceCode },
          note: input.note ? tidy(input.note) : null,
          details: { movedUnits, movedPetitions }
        });
        return { unit: current, movedUnits, movedPetitions };
      });
      const row = (await units.findListRowById(result.unit.id))!;
      return { ...toUnitDto(row), movedUnits: result.movedUnits, movedPetitions: result.movedPetitions };
    },

    async close(user: AuthUser, id: string, input: CloseUnitInput, meta: RequestMeta = {}): Promise<UnitDto> {
      requireAdmin(user);
      const reason = tidy(input.reason);
      if (reason.length < 5) throw fieldError('reason', 'Lý do ngừng hoạt động: cần ít nhất 5 ký tự.', 'Reason for closing: must be at least 5 characters.');
      const closed = await deps.db.transaction(async (tx) => {
        const repo = createUnitsRepository(tx);
        await repo.lockTree();
        const unit = await unitForWrite(tx, user, id);
        if (!unit.parentId) throw unitErrors.rootImmutable();
        if (unit.validTo) throw unitErrors.closed();
        if (input.closedOn > todayInVietnam(now())) throw unitErrors.closedInFuture([{ field: 'closedOn', message: 'Ngày ngừng hoạt động: không được ở tương lai.', messageEn: 'Closing date: cannot be in the future.' }]);
        if (input.closedOn < unit.validFrom) throw unitErrors.closedBeforeStart([{ field: 'closedOn', message: `Ngày ngừng hoạt động: không được trước ngày ${unit.validFrom}.`, messageEn: `Closing date: cannot be before ${unit.validFrom}.` }]);
        if ((await repo.countOpenChildren(unit.id)) > 0) throw unitErrors.hasOpenChildren();
        const updated = await repo.update(unit.id, { validTo: input.closedOn, closedReason: reason });
        await record(tx, user, meta, updated, 'CLOSE', { oldValues: { closedOn: null }, newValues: { closedOn: input.closedOn }, note: reason });
        return updated;
      });
      return toUnitDto(closed);
    }
  };
}
export type UnitsService = ReturnType<typeof createUnitsService>;
