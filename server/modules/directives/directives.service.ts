/**
 * Directives and their threads (issue 5 item 3). A leader issues a directive about a petition, a
 * case or the work of units, to units of its scope; each target unit acknowledges, replies and
 * reports completion; the leader comments, urges, extends or closes (shared/directives.ts).
 *
 * Every step is ONE transaction: the thread message (next per-directive seq under the directive's
 * row lock; a retry with the same idempotency key is stored once; never edited), the change of
 * state, a unit event to each target unit, a user event to each participant, the alerts of the
 * accounts concerned (with their own events, which the relay also hands to web-push), and the
 * audit entry.
 */
import type { Readable } from 'node:stream';
import { addDays, isIsoDate, toVnDate } from '../../../shared/calendar/index.ts';
import {
  allowedSteps,
  DIRECTIVE_ATTACHMENTS_MAX,
  DIRECTIVE_DUE_MAX_DAYS,
  isUrgentPriority,
  MAY_ATTACH,
  MAY_CORRECT,
  MESSAGE_KIND_LABELS,
  stepRefusal,
  targetState,
  TEXT_REQUIRED,
  type DirectivePriority,
  type DirectiveStanding,
  type StepKind
} from '../../../shared/directives.ts';
import type { FieldError } from '../../../shared/api-error.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { withScope } from '../../db/scoped.ts';
import type { FileStore } from '../../storage/file-store.ts';
import { directiveTargetOf, mayIssueDirectives, mayReadDirective, mayTargetUnit, petitionScope } from '../access/policy.ts';
import { appendAudit } from '../audit/audit.log.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import type { AlertInput, NotificationsService } from '../notifications/notifications.service.ts';
import { createOutboxRepository } from '../outbox/outbox.repository.ts';
import { directiveErrors, refusalError } from './directives.errors.ts';
import { createDirectivesRepository, type DirectiveHead, type TargetRow } from './directives.repository.ts';

export interface IssueInput {
  title: string;
  content: string;
  priority: DirectivePriority;
  dueDate: string;
  unitIds?: string[];
  petitionId?: string;
  caseId?: string;
  idempotencyKey?: string;
}

export interface StepInput {
  body?: string;
  dueDate?: string;
  correctsSeq?: number;
  attachmentIds?: string[];
  idempotencyKey?: string;
}

export interface ListInput {
  box?: 'all' | 'inbox' | 'issued';
  status?: 'all' | 'open' | 'closed';
  limit?: number;
}

// C0/C1 controls but tab and new lines; bidirectional overrides and isolates (text spoofing).
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/g;

/** Text as stored: NFC (one form of each Vietnamese letter), trimmed; null when nothing visible is left. */
function cleanText(value: string | undefined, field: string): string | null {
  if (value === undefined) return null;
  if (FORBIDDEN_CHARS.test(value)) throw directiveErrors.badText([{ field, message: 'Có ký tự không được phép.', messageEn: 'Holds characters that are not allowed.' }]);
  const text = value.normalize('NFC').trim();
  return text.replace(INVISIBLE, '') === '' ? null : text;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function createDirectivesService(deps: { db: Db; notifications: NotificationsService; files: FileStore; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const repo = createDirectivesRepository(deps.db);

  function checkDue(dueDate: string, field: string): void {
    const today = toVnDate(now());
    if (!isIsoDate(dueDate) || dueDate < today || dueDate > addDays(today, DIRECTIVE_DUE_MAX_DAYS)) {
      throw directiveErrors.badDue([{ field, message: 'Cần một ngày có thật, từ hôm nay đến không quá một năm.', messageEn: 'A real date from today to a year ahead.' }]);
    }
  }

  /** The directive, if the caller may read it (else 404: nothing tells it exists). */
  async function readable(user: AuthUser, id: string): Promise<{ head: DirectiveHead; targets: TargetRow[] }> {
    const head = await repo.head(id);
    if (!head) throw directiveErrors.notFound();
    const targets = await repo.targets(id);
    if (!mayReadDirective(user, { issuedBy: head.issuedBy, targetPaths: targets.map((t) => t.unitPath) })) throw directiveErrors.notFound();
    return { head, targets };
  }

  function standing(user: AuthUser, head: { issuedBy: string; status: DirectiveStanding['status'] }, targets: TargetRow[]): DirectiveStanding & { targetRow: TargetRow | null } {
    const target = directiveTargetOf(user, { issuedBy: head.issuedBy, targets });
    return {
      status: head.status,
      isIssuer: head.issuedBy === user.id,
      target: target ? { state: targetState(target) } : null,
      targetRow: target,
      anyIncomplete: targets.some((t) => !t.completedAt)
    };
  }

  /** Events and alerts of one new message, in its transaction. */
  async function announce(tx: DbOrTx, d: { id: string; priority: DirectivePriority; issuedBy: string }, targets: TargetRow[], message: { seq: number; kind: 'ISSUE' | StepKind; authorId: string; authorUnitId: string }, alert: { to: string[]; input: AlertInput } | null) {
    const outbox = createOutboxRepository(tx);
    const payload = { directiveId: d.id, seq: message.seq, kind: message.kind, unitId: message.authorUnitId, priority: d.priority };
    for (const t of targets) await outbox.enqueueUnitEvent({ type: 'directive.message', unitPath: t.unitPath, payload });
    const participants = [d.issuedBy, ...(await createDirectivesRepository(tx).accountsOfUnits(targets.map((t) => t.unitId)))];
    await outbox.enqueueUserEvents('directive.message', participants, payload);
    if (alert) await deps.notifications.notify(tx, alert.to.filter((u) => u !== message.authorId), alert.input);
  }

  function present(user: AuthUser, head: DirectiveHead, targets: { unitId: string; unitName: string; acknowledgedAt: Date | string | null; completedAt: Date | string | null }[]) {
    const today = toVnDate(now());
    return {
      id: head.id,
      title: head.title,
      priority: head.priority,
      dueDate: head.dueDate,
      status: head.status,
      overdue: head.status === 'OPEN' && head.dueDate < today,
      issuerName: head.issuerName,
      issuerUnitName: head.issuerUnitName,
      createdAt: head.createdAt.toISOString(),
      closedAt: iso(head.closedAt),
      subject: head.caseId ? { kind: 'CASE' as const, id: head.caseId, code: head.caseCode } : head.petitionId ? { kind: 'PETITION' as const, id: head.petitionId, code: head.petitionCode } : { kind: 'UNIT' as const, id: null, code: null },
      targets: targets.map((t) => ({ unitId: t.unitId, unitName: t.unitName, state: targetState(t), acknowledgedAt: iso(t.acknowledgedAt), completedAt: iso(t.completedAt) })),
      acknowledged: targets.filter((t) => t.acknowledgedAt).length,
      completed: targets.filter((t) => t.completedAt).length,
      lastSeq: head.lastSeq,
      isIssuer: head.issuedBy === user.id,
      actingForUnitId: directiveTargetOf(user, { issuedBy: head.issuedBy, targets })?.unitId ?? null
    };
  }

  return {
    async issue(user: AuthUser, input: IssueInput) {
      if (!mayIssueDirectives(user)) throw directiveErrors.issueForbidden();
      const title = cleanText(input.title, 'title');
      const content = cleanText(input.content, 'content');
      const missing: FieldError[] = [
        ...(title ? [] : [{ field: 'title', message: 'Cần tiêu đề.', messageEn: 'A title is required.' }]),
        ...(content ? [] : [{ field: 'content', message: 'Cần nội dung chỉ đạo.', messageEn: 'The content is required.' }])
      ];
      if (missing.length) throw directiveErrors.textRequired(missing);
      checkDue(input.dueDate, 'dueDate');
      if (input.petitionId && input.caseId) throw directiveErrors.oneSubject([{ field: 'caseId', message: 'Chọn đơn hoặc vụ việc.', messageEn: 'Choose a petition or a case.' }]);

      // The subject (petition or case) must be within the leader's scope; its unit is the default target.
      let subjectUnit: string | null = null;
      if (input.petitionId || input.caseId) {
        const scope = petitionScope(user);
        const subject = scope.length
          ? await withScope(deps.db, scope, (tx) => (input.petitionId ? createDirectivesRepository(tx).petitionInScope(input.petitionId, scope) : createDirectivesRepository(tx).caseInScope(input.caseId!, scope)))
          : null;
        if (!subject) throw directiveErrors.subjectNotFound([{ field: input.petitionId ? 'petitionId' : 'caseId', message: 'Không có trong phạm vi của bạn.', messageEn: 'Not within your scope.' }]);
        subjectUnit = subject.unitId;
      }
      const unitIds = [...new Set(input.unitIds?.length ? input.unitIds : subjectUnit ? [subjectUnit] : [])];
      const units = await repo.units(unitIds);
      if (unitIds.length === 0 || units.length !== unitIds.length || units.some((u) => !u.open || !mayTargetUnit(user, u.path))) {
        throw directiveErrors.badTargets([{ field: 'unitIds', message: 'Đơn vị nhận không hợp lệ hoặc ngoài phạm vi.', messageEn: 'Invalid or out-of-scope target units.' }]);
      }

      const id = await deps.db.transaction(async (tx) => {
        const r = createDirectivesRepository(tx);
        if (input.idempotencyKey) {
          await r.lockKey(user.id, input.idempotencyKey);
          const existing = await r.issuedByKey(user.id, input.idempotencyKey);
          if (existing) return existing;
        }
        const directiveId = await r.insert({ issuedBy: user.id, issuerUnitPath: user.unitPath, title: title!, content: content!, priority: input.priority, dueDate: input.dueDate, petitionId: input.petitionId ?? null, caseId: input.caseId ?? null, targets: units });
        const targets = await r.targets(directiveId);
        const seq = await r.append({ directiveId, kind: 'ISSUE', authorId: user.id, authorUnitId: user.unitId, body: content, correctsSeq: null, key: input.idempotencyKey ?? null });
        const outbox = createOutboxRepository(tx);
        for (const t of targets) await outbox.enqueueUnitEvent({ type: 'directive.issued', unitPath: t.unitPath, payload: { directiveId, priority: input.priority, dueDate: input.dueDate, targetUnitId: t.unitId } });
        const recipients = await r.accountsOfUnits(unitIds);
        await announce(tx, { id: directiveId, priority: input.priority, issuedBy: user.id }, targets, { seq, kind: 'ISSUE', authorId: user.id, authorUnitId: user.unitId }, {
          to: recipients,
          input: { kind: 'DIRECTIVE', title: `Chỉ đạo mới: ${title}`, titleEn: `New directive: ${title}`, link: `/directives/${directiveId}`, urgent: isUrgentPriority(input.priority) }
        });
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'directive.issue', entityType: 'directive', entityId: directiveId, unitPath: user.unitPath, details: { targets: units.length, priority: input.priority, subject: input.caseId ? 'CASE' : input.petitionId ? 'PETITION' : 'UNIT', dueDate: input.dueDate } });
        return directiveId;
      });
      return this.get(user, id);
    },

    async list(user: AuthUser, input: ListInput = {}) {
      if (user.role === 'ADMIN') return { items: [] };
      const rows = await repo.list({ userId: user.id, unitId: user.unitId, scopePaths: petitionScope(user), box: input.box ?? 'all', status: input.status ?? 'all', limit: input.limit ?? 100 });
      return { items: rows.map((r) => present(user, r, r.targets)) };
    },

    async get(user: AuthUser, id: string) {
      const { head, targets } = await readable(user, id);
      const [messages, files] = await Promise.all([repo.messages(id), repo.attachmentsOf(id)]);
      const s = standing(user, head, targets);
      const shown = (f: { messageSeq: number | null; uploadedBy: string }) => f.messageSeq !== null || f.uploadedBy === user.id;
      const fileDto = (f: (typeof files)[number]) => ({ id: f.id, fileName: f.fileName, mediaType: f.mediaType, sizeBytes: f.sizeBytes, url: `/api/directives/${id}/attachments/${f.id}` });
      return {
        ...present(user, head, targets),
        content: head.content,
        messages: messages.map((m) => ({
          seq: m.seq,
          kind: m.kind,
          body: m.body,
          authorName: m.authorName,
          unitName: m.unitName,
          mine: m.authorId === user.id,
          correctsSeq: m.correctsSeq,
          createdAt: m.createdAt.toISOString(),
          attachments: files.filter((f) => f.messageSeq === m.seq).map(fileDto)
        })),
        /** Files this caller uploaded and has not sent yet. */
        pendingAttachments: files.filter((f) => f.messageSeq === null && shown(f)).map(fileDto),
        allowedSteps: allowedSteps(s)
      };
    },

    async countAwaitingAcknowledgement(user: AuthUser): Promise<number> {
      if (user.role !== 'OFFICER' && user.role !== 'LEADER') return 0;
      return repo.awaitingAcknowledgement(user.unitId, user.id);
    },

    async step(user: AuthUser, id: string, kind: StepKind, input: StepInput) {
      // Input checks first: a refused request writes nothing.
      const body = cleanText(input.body, 'body');
      if (TEXT_REQUIRED.includes(kind) && !body) throw directiveErrors.textRequired([{ field: 'body', message: 'Cần nội dung.', messageEn: 'Text is required.' }]);
      if (kind === 'EXTEND') {
        if (!input.dueDate) throw directiveErrors.badDue([{ field: 'dueDate', message: 'Cần hạn mới.', messageEn: 'A new due date is needed.' }]);
        checkDue(input.dueDate, 'dueDate');
      }
      const attachmentIds = [...new Set(input.attachmentIds ?? [])];
      if (attachmentIds.length && !MAY_ATTACH.includes(kind)) throw directiveErrors.noAttachments([{ field: 'attachmentIds', message: 'Bước này không gửi kèm tệp.', messageEn: 'This step carries no files.' }]);
      if (input.correctsSeq !== undefined && !MAY_CORRECT.includes(kind)) throw directiveErrors.badCorrection([{ field: 'correctsSeq', message: 'Chỉ trả lời hoặc ý kiến mới đính chính được.', messageEn: 'Only a reply or comment may correct.' }]);

      await readable(user, id);
      await deps.db.transaction(async (tx) => {
        const r = createDirectivesRepository(tx);
        const locked = await r.lock(id);
        if (!locked) throw directiveErrors.notFound();
        // The same message sent twice (a retry after a lost answer) is stored once.
        if (input.idempotencyKey && (await r.seqByKey(id, user.id, input.idempotencyKey)) !== null) return;
        const head = (await r.head(id))!;
        const targets = await r.targets(id);
        const s = standing(user, head, targets);
        const refusal = stepRefusal(kind, s);
        if (refusal) throw refusalError(refusal);
        if (kind === 'EXTEND' && input.dueDate! <= locked.dueDate) throw directiveErrors.badExtension([{ field: 'dueDate', message: 'Hạn mới phải sau hạn hiện tại.', messageEn: 'Must be after the current due date.' }]);
        if (input.correctsSeq !== undefined) {
          const corrected = await r.message(id, input.correctsSeq);
          if (!corrected || corrected.authorId !== user.id || (corrected.kind !== 'REPLY' && corrected.kind !== 'COMMENT')) {
            throw directiveErrors.badCorrection([{ field: 'correctsSeq', message: 'Không phải tin của bạn.', messageEn: 'Not your message.' }]);
          }
        }

        const at = now();
        if ((kind === 'ACKNOWLEDGE' || kind === 'COMPLETE') && s.targetRow) await r.markTarget(id, s.targetRow.unitId, kind, user.id, at);
        if (kind === 'EXTEND') await r.setDueDate(id, input.dueDate!);
        if (kind === 'CLOSE') await r.close(id, at);
        const text = kind === 'EXTEND' ? `${body ? `${body} — ` : ''}Hạn mới: ${input.dueDate!.split('-').reverse().join('/')}` : body;
        const seq = await r.append({ directiveId: id, kind, authorId: user.id, authorUnitId: user.unitId, body: text, correctsSeq: input.correctsSeq ?? null, key: input.idempotencyKey ?? null });
        if (attachmentIds.length && (await r.bindAttachments(id, user.id, attachmentIds, seq)) !== attachmentIds.length) {
          throw directiveErrors.badAttachments([{ field: 'attachmentIds', message: 'Tệp không hợp lệ.', messageEn: 'Invalid files.' }]);
        }

        // Who hears of it: the issuer when a unit speaks; the target units when the leader does (only the incomplete ones when urged).
        const fromIssuer = s.isIssuer;
        const to = fromIssuer ? await r.accountsOfUnits(targets.filter((t) => kind !== 'URGE' || !t.completedAt).map((t) => t.unitId)) : [head.issuedBy];
        const label = MESSAGE_KIND_LABELS[kind];
        const alert: AlertInput =
          kind === 'URGE'
            ? { kind: 'DIRECTIVE_URGED', title: `Đôn đốc thực hiện chỉ đạo: ${head.title}`, titleEn: `Directive urged: ${head.title}`, link: `/directives/${id}`, urgent: true }
            : { kind: 'DIRECTIVE_THREAD', title: `${label.vi} — ${fromIssuer ? head.title : `${user.unitName}: ${head.title}`}`, titleEn: `${label.en} — ${fromIssuer ? head.title : `${user.unitName}: ${head.title}`}`, link: `/directives/${id}`, urgent: isUrgentPriority(head.priority) };
        await announce(tx, { id, priority: head.priority, issuedBy: head.issuedBy }, targets, { seq, kind, authorId: user.id, authorUnitId: user.unitId }, { to, input: alert });
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: `directive.${kind.toLowerCase()}`, entityType: 'directive', entityId: id, unitPath: user.unitPath, details: { seq, ...(input.correctsSeq !== undefined ? { correctsSeq: input.correctsSeq } : {}), ...(attachmentIds.length ? { files: attachmentIds.length } : {}), ...(kind === 'EXTEND' ? { dueDate: input.dueDate } : {}) } });
      });
      return this.get(user, id);
    },

    /** A file for a message this caller will send: only a participant who may reply or comment now. */
    async attach(user: AuthUser, id: string, upload: { fileName: string | undefined; bytes: Buffer }) {
      const { head, targets } = await readable(user, id);
      const s = standing(user, head, targets);
      const refusal = stepRefusal(s.isIssuer ? 'COMMENT' : 'REPLY', s);
      if (refusal) throw refusalError(refusal);
      const stored = await deps.files.put(upload.bytes);
      return deps.db.transaction(async (tx) => {
        const r = createDirectivesRepository(tx);
        await r.lock(id);
        if ((await r.pendingCount(id, user.id)) >= DIRECTIVE_ATTACHMENTS_MAX) throw directiveErrors.tooManyPending();
        const row = await r.insertAttachment({ directiveId: id, fileName: cleanFileName(upload.fileName), mediaType: stored.mediaType, sizeBytes: stored.size, sha256: stored.sha256, uploadedBy: user.id });
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'directive.attach', entityType: 'directive', entityId: id, unitPath: user.unitPath, details: { attachmentId: row.id, sha256: stored.sha256, size: stored.size, mediaType: stored.mediaType } });
        return { id: row.id, fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, url: `/api/directives/${id}/attachments/${row.id}` };
      });
    },

    /** A file of the thread, to a participant only (a waiting upload only to its author). */
    async openAttachment(user: AuthUser, id: string, attachmentId: string): Promise<{ fileName: string; mediaType: string; sizeBytes: number; stream: Readable }> {
      await readable(user, id);
      const file = (await repo.attachmentsOf(id)).find((f) => f.id === attachmentId && (f.messageSeq !== null || f.uploadedBy === user.id));
      if (!file) throw directiveErrors.notFound();
      return { fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes, stream: await deps.files.open(file.sha256) };
    }
  };
}
export type DirectivesService = ReturnType<typeof createDirectivesService>;

/** A safe display name: no path, no control or direction characters, at most 200 characters. */
function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"]/g, '').trim().slice(0, 200);
  return cleaned || 'tep-dinh-kem';
}
