/**
 * Personal data of parties never reaches the logs (DESIGN.md: "masked in logs").
 *
 * PARTY_REDACT_PATHS is for the Fastify/pino logger's `redact` option, beside the cookie paths in
 * server/app.ts. Fastify's default serializers log neither bodies nor replies, so these paths are
 * the second line: they apply if a body, an input or a DTO is ever logged on purpose or by a
 * plugin (`log.info({ body })`, `log.error({ input })`, an error carrying the request body).
 * The first line is not to log them: use redactForLog() to describe a party in a log line.
 * A duplicate check must send its numbers in a POST body: the URL (query string) is always logged.
 */
import type { PartyRole } from '../../../shared/identity.ts';

/** Fields of PartyInput / PartyDto / DuplicateQuery that carry personal data. */
export const PARTY_PERSONAL_FIELDS = ['fullName', 'idNumber', 'phone', 'address'] as const;

const CONTAINERS = ['req.body', 'request.body', 'body', 'input', 'reply', 'res.body', 'payload', 'data'];

export const PARTY_REDACT_PATHS: readonly string[] = [
  // A petition body or DTO with its parties.
  ...CONTAINERS.flatMap((c) => PARTY_PERSONAL_FIELDS.map((f) => `${c}.parties[*].${f}`)),
  // A party logged on its own, or a list of parties.
  ...PARTY_PERSONAL_FIELDS.map((f) => `party.${f}`),
  ...PARTY_PERSONAL_FIELDS.map((f) => `parties[*].${f}`),
  // A reception visit's visitors (and a petition created with it).
  ...CONTAINERS.flatMap((c) => PARTY_PERSONAL_FIELDS.map((f) => `${c}.visitors[*].${f}`)),
  ...CONTAINERS.flatMap((c) => PARTY_PERSONAL_FIELDS.map((f) => `${c}.petition.parties[*].${f}`)),
  // A duplicate check body ({ idNumber, phone }).
  ...CONTAINERS.flatMap((c) => ['idNumber', 'phone'].map((f) => `${c}.${f}`))
];

/** The censor text, so a redacted log line is recognisable as such. */
export const PARTY_REDACT_CENSOR = '[đã ẩn / redacted]';

/** A party as a log line may describe it: role and which fields were given, no values. */
export function redactForLog(party: { role: PartyRole; fullName?: unknown; idNumber?: unknown; phone?: unknown; address?: unknown }): {
  role: PartyRole;
  has: string[];
} {
  return { role: party.role, has: PARTY_PERSONAL_FIELDS.filter((f) => party[f] !== undefined && party[f] !== null && party[f] !== '') };
}
