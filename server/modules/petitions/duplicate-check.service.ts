/**
 * Duplicate check at intake (issue 4 item 3): before saving, the likely earlier letters about the
 * same matter, ranked, each with the reasons it matched. Signals: the same sender (keyed hashes
 * of identity number, phone and accent-folded name: nothing is decrypted), the same subject
 * (respondent), similar content (unaccent + pg_trgm), the same locality; within a window.
 * A sender match alone on a name is weak (many people share a name): it needs a second signal.
 */
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';
import { outsideScope, withScope } from '../../db/scoped.ts';
import { requirePetitionRead } from '../access/policy.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import type { PartiesService } from '../parties/parties.service.ts';
import type { PetitionStatus, PetitionType } from '../../../shared/petition.ts';
import type { DuplicateCheckInput, MATCH_REASONS } from './petitions.schemas.ts';

type Reason = (typeof MATCH_REASONS)[number];

/** Weight of each signal; a candidate is shown from MIN_SCORE. */
const WEIGHTS: Record<Reason, number> = { ID_NUMBER: 0.6, PHONE: 0.5, NAME: 0.25, RESPONDENT: 0.25, CONTENT: 0.5, LOCALITY: 0.1 };
const MIN_SCORE = 0.35;
/** Trigram similarity from which two summaries count as similar content. */
const CONTENT_SIMILARITY = 0.35;
const LIMIT = 10;
/** How many of the newest local letters the content comparison reads. */
const CONTENT_POOL = 3000;
const SOURCE_LIMIT = 50;

interface Candidate {
  petitionId: string;
  reasons: Set<Reason>;
  contentSimilarity: number;
}

export function createDuplicateCheckService(deps: { db: Db; parties: PartiesService; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  /**
   * Similar content among the newest letters of the same locality (commune if given, else
   * province, else the caller's scope) in the window: re-sent letters are recent and local, and a
   * bounded set keeps the check fast at national scale (a trigram index cannot serve a whole
   * summary: its common trigrams match nearly every row).
   */
  async function bySimilarContent(tx: DbOrTx, scope: string[], since: Date, summary: string, locality: { provinceCode?: string; communeCode?: string }, exclude?: string) {
    const where = locality.communeCode ? sql`commune_code = ${locality.communeCode}` : locality.provinceCode ? sql`province_code = ${locality.provinceCode}` : sql`true`;
    const { rows } = await tx.execute<{ id: string; sim: number }>(sql`
      SELECT id, sim FROM (
        SELECT id, word_similarity(lower(f_unaccent(${summary})), search_text) AS sim
          FROM (SELECT id, search_text FROM petitions
                 WHERE ${where} AND unit_path <@ ANY(${arrayParam(scope, 'ltree')}) AND received_at >= ${since}
                   ${exclude ? sql`AND id <> ${exclude}::uuid` : sql``}
                 ORDER BY received_at DESC LIMIT ${CONTENT_POOL}) recent
      ) scored
      WHERE sim >= ${CONTENT_SIMILARITY}
      ORDER BY sim DESC LIMIT ${SOURCE_LIMIT}`);
    return rows;
  }

  async function bySameRespondent(tx: DbOrTx, scope: string[], since: Date, respondent: string, exclude?: string) {
    const { rows } = await tx.execute<{ id: string }>(sql`
      SELECT id FROM petitions
       WHERE search_text LIKE '%' || lower(f_unaccent(${respondent.replace(/[\\%_]/g, (c) => `\\${c}`)})) || '%'
         AND unit_path <@ ANY(${arrayParam(scope, 'ltree')}) AND received_at >= ${since}
         ${exclude ? sql`AND id <> ${exclude}::uuid` : sql``}
       ORDER BY received_at DESC LIMIT ${SOURCE_LIMIT}`);
    return rows;
  }

  return {
    async check(user: AuthUser, input: DuplicateCheckInput) {
      const scope = requirePetitionRead(user);
      const at = now();
      const since = new Date(at);
      since.setMonth(since.getMonth() - (input.windowMonths ?? 24));
      const summary = input.summary?.trim() ?? '';
      const respondent = input.respondent?.trim() ?? '';

      return withScope(deps.db, scope, async (tx) => {
        const found = new Map<string, Candidate>();
        const add = (id: string, reason: Reason, sim = 0) => {
          const c = found.get(id) ?? { petitionId: id, reasons: new Set<Reason>(), contentSimilarity: 0 };
          c.reasons.add(reason);
          c.contentSimilarity = Math.max(c.contentSimilarity, sim);
          found.set(id, c);
        };
        const senders = await deps.parties.matchSenders(tx, user, input.parties ?? [], { since, excludePetitionId: input.excludePetitionId, limit: SOURCE_LIMIT });
        for (const s of senders) {
          if (s.byIdNumber) add(s.petitionId, 'ID_NUMBER');
          if (s.byPhone) add(s.petitionId, 'PHONE');
          if (s.byName) add(s.petitionId, 'NAME');
        }
        // Ids by the indexes (bounded by the scope filter), rows read back below under RLS.
        if (summary.length >= 10) for (const r of await outsideScope(tx, () => bySimilarContent(tx, scope, since, summary, { communeCode: input.communeCode, provinceCode: input.provinceCode }, input.excludePetitionId))) add(r.id, 'CONTENT', r.sim);
        if (respondent.length >= 3) for (const r of await outsideScope(tx, () => bySameRespondent(tx, scope, since, respondent, input.excludePetitionId))) add(r.id, 'RESPONDENT');
        if (found.size === 0) return { candidates: [] };

        const { rows } = await tx.execute<{ id: string; code: string; type: string; status: string; summary: string; unit_name: string; case_id: string | null; received_at: Date; province_code: string | null; commune_code: string | null }>(sql`
          SELECT p.id, p.code, p.type, p.status, p.summary, u.name AS unit_name, p.case_id, p.received_at, p.province_code, p.commune_code
            FROM petitions p JOIN units u ON u.id = p.unit_id
           WHERE p.id = ANY(${arrayParam([...found.keys()], 'uuid')}) AND p.unit_path <@ ANY(${arrayParam(scope, 'ltree')})`);
        const candidates = rows.map((r) => {
          const c = found.get(r.id)!;
          if (input.communeCode ? r.commune_code === input.communeCode : input.provinceCode && r.province_code === input.provinceCode && c.reasons.size > 0) c.reasons.add('LOCALITY');
          let score = 0;
          for (const reason of c.reasons) score += reason === 'CONTENT' ? WEIGHTS.CONTENT * c.contentSimilarity * 2 : WEIGHTS[reason];
          return {
            petitionId: r.id,
            code: r.code,
            type: r.type as PetitionType,
            status: r.status as PetitionStatus,
            summary: r.summary,
            unitName: r.unit_name,
            caseId: r.case_id,
            receivedAt: new Date(r.received_at).toISOString(),
            score: Math.round(Math.min(score, 1.5) * 100) / 100,
            reasons: [...c.reasons]
          };
        });
        return {
          candidates: candidates
            .filter((c) => c.score >= MIN_SCORE)
            .sort((a, b) => b.score - a.score || b.receivedAt.localeCompare(a.receivedAt))
            .slice(0, LIMIT)
        };
      });
    }
  };
}
export type DuplicateCheckService = ReturnType<typeof createDuplicateCheckService>;
