import { describe, expect, it } from 'vitest';
import { mayUseFilter, unitEventTopic, unitSubtreeFilter, userFilter } from '../../shared/topics.ts';

const hanoi = { userId: 'u-1', unitPaths: ['VN.01'] };

describe('topic names', () => {
  it('puts a unit event under its path so an ancestor subscription receives it', () => {
    expect(unitEventTopic('VN.01.00004')).toBe('dt/u/VN/01/00004/ev');
    expect(unitSubtreeFilter('VN.01')).toBe('dt/u/VN/01/#');
  });
});

describe('broker ACL (mayUseFilter)', () => {
  it.each([
    ['dt/u/VN/01/#', true],
    ['dt/u/VN/01/00004/#', true],
    ['dt/u/VN/01/00004/ev', true],
    ['dt/u/VN/79/#', false],
    ['dt/u/VN/#', false],
    ['dt/u/VN/+/ev', false],
    ['dt/u/+/01/#', false],
    ['dt/u/VN/01+/#', false],
    ['dt/u/VN/010/#', false],
    ['#', false],
    ['dt/#', false],
    ['dt/user/u-1/#', true],
    ['dt/user/u-2/#', false],
    ['dt/user/+/#', false]
  ])('%s → %s for a Hà Nội officer', (filter, allowed) => {
    expect(mayUseFilter(filter, hanoi)).toBe(allowed);
  });

  it('gives an account without unit rights only its own topics', () => {
    const admin = { userId: 'a', unitPaths: [] };
    expect(mayUseFilter('dt/u/VN/#', admin)).toBe(false);
    expect(mayUseFilter(userFilter('a'), admin)).toBe(true);
  });
});
