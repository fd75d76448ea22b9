/**
 * MQTT topic names, defined once for the server, the broker ACL and the browser.
 *
 * Unit events go to one topic whose levels are the unit's path, so a subscription to an
 * ancestor with '#' receives its whole subtree and the broker does the fan-out:
 *   dt/u/VN/01/00004/ev        event of unit VN.01.00004
 *   dt/u/VN/01/#               everything in Hà Nội (allowed for a Hà Nội scope)
 *   dt/user/<userId>/#         messages for one account
 *   dt/snap/VN/01              retained current figures of the Hà Nội subtree (command centre)
 *
 * Snapshots live under their own root, not under dt/u/: a subtree subscription ('dt/u/VN/#')
 * would otherwise receive every retained snapshot below it on connect, mixed with events.
 */
import { isWithinAny, type UnitPath } from './unit-path.ts';

export const TOPIC_ROOT = 'dt';
const UNIT_PREFIX = `${TOPIC_ROOT}/u/`;
const USER_PREFIX = `${TOPIC_ROOT}/user/`;
const SNAPSHOT_PREFIX = `${TOPIC_ROOT}/snap/`;

export function unitEventTopic(unitPath: UnitPath): string {
  return `${UNIT_PREFIX}${unitPath.split('.').join('/')}/ev`;
}

export function unitSubtreeFilter(unitPath: UnitPath): string {
  return `${UNIT_PREFIX}${unitPath.split('.').join('/')}/#`;
}

export function userTopic(userId: string, leaf = 'ev'): string {
  return `${USER_PREFIX}${userId}/${leaf}`;
}

export function userFilter(userId: string): string {
  return `${USER_PREFIX}${userId}/#`;
}

/** The retained snapshot (current figures) of one unit subtree: 'VN.01' → 'dt/snap/VN/01'. */
export function snapshotTopic(unitPath: UnitPath): string {
  return `${SNAPSHOT_PREFIX}${unitPath.split('.').join('/')}`;
}

/** The unit path a snapshot topic names, or null for any other topic. */
export function snapshotTopicPath(topic: string): UnitPath | null {
  if (!topic.startsWith(SNAPSHOT_PREFIX)) return null;
  const levels = topic.slice(SNAPSHOT_PREFIX.length).split('/');
  return levels.length > 0 && levels.every((l) => /^[A-Za-z0-9_]+$/.test(l)) ? levels.join('.') : null;
}

/** The literal unit levels of a filter before any wildcard; null when a level mixes in a wildcard. */
function literalPath(levels: readonly string[], leaves: readonly string[]): string | null {
  const literal: string[] = [];
  for (const level of levels) {
    if (level === '#' || level === '+' || leaves.includes(level)) break;
    if (level.includes('#') || level.includes('+')) return null;
    literal.push(level);
  }
  return literal.length === 0 ? null : literal.join('.');
}

/**
 * May a client holding these scopes subscribe to this topic filter?
 * The literal prefix of a unit filter (the levels before any wildcard) must name a unit inside
 * the scope: 'dt/u/VN/#' or 'dt/u/+/01/#' are refused for a Hà Nội officer, because a wildcard
 * there would reach other units. [MQTT-4.7.1] '#' matches the parent level too, so 'dt/u/VN/01/#'
 * also matches 'dt/u/VN/01'; that topic carries nothing else, so this is harmless.
 */
export function mayUseFilter(filter: string, scope: { userId: string; unitPaths: readonly UnitPath[] }): boolean {
  if (filter.startsWith(USER_PREFIX)) {
    const rest = filter.slice(USER_PREFIX.length);
    const owner = rest.split('/')[0];
    return owner === scope.userId;
  }
  // A snapshot filter follows the unit rule: its literal levels must name a unit in scope.
  const prefix = filter.startsWith(UNIT_PREFIX) ? UNIT_PREFIX : filter.startsWith(SNAPSHOT_PREFIX) ? SNAPSHOT_PREFIX : null;
  if (!prefix) return false;
  const literal = literalPath(filter.slice(prefix.length).split('/'), prefix === UNIT_PREFIX ? ['ev'] : []);
  return literal !== null && isWithinAny(literal, scope.unitPaths);
}
