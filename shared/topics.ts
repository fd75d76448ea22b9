/**
 * MQTT topic names, defined once for the server, the broker ACL and the browser.
 *
 * Unit events go to one topic whose levels are the unit's path, so a subscription to an
 * ancestor with '#' receives its whole subtree and the broker does the fan-out:
 *   dt/u/VN/01/00004/ev        event of unit VN.01.00004
 *   dt/u/VN/01/#               everything in Hà Nội (allowed for a Hà Nội scope)
 *   dt/user/<userId>/#         messages for one account
 */
import { isWithinAny, type UnitPath } from './unit-path.ts';

export const TOPIC_ROOT = 'dt';
const UNIT_PREFIX = `${TOPIC_ROOT}/u/`;
const USER_PREFIX = `${TOPIC_ROOT}/user/`;

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
  if (!filter.startsWith(UNIT_PREFIX)) return false;
  const levels = filter.slice(UNIT_PREFIX.length).split('/');
  const literal: string[] = [];
  for (const level of levels) {
    if (level === '#' || level === '+' || level === 'ev') break;
    if (level.includes('#') || level.includes('+')) return false;
    literal.push(level);
  }
  if (literal.length === 0) return false;
  return isWithinAny(literal.join('.'), scope.unitPaths);
}
