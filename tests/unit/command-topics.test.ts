import { describe, expect, it } from 'vitest';
import { minimalScope, perTenThousand, provinceOfPath, trafficLight } from '../../shared/command.ts';
import { mayUseFilter, snapshotTopic, snapshotTopicPath } from '../../shared/topics.ts';

const hanoi = { userId: 'u-1', unitPaths: ['VN.01'] };

describe('snapshot topics', () => {
  it('names one retained topic per unit path, outside the event subtree', () => {
    expect(snapshotTopic('VN')).toBe('dt/snap/VN');
    expect(snapshotTopic('VN.01.00004')).toBe('dt/snap/VN/01/00004');
    expect(snapshotTopicPath('dt/snap/VN/01')).toBe('VN.01');
    expect(snapshotTopicPath('dt/u/VN/01/ev')).toBeNull();
    // A subtree subscription for events never matches a snapshot.
    expect(snapshotTopic('VN.01').startsWith('dt/u/')).toBe(false);
  });

  it.each([
    ['dt/snap/VN/01', true],
    ['dt/snap/VN/01/00004', true],
    ['dt/snap/VN/01/#', true],
    ['dt/snap/VN', false],
    ['dt/snap/VN/79', false],
    ['dt/snap/#', false],
    ['dt/snap/+/01', false],
    ['dt/snap/VN/+', false],
    ['dt/snap/VN/01+', false],
    ['dt/snap/VN/010', false]
  ])('%s → %s for a Hà Nội viewer', (filter, allowed) => {
    expect(mayUseFilter(filter, hanoi)).toBe(allowed);
  });

  it('gives an account without unit rights no snapshot', () => {
    expect(mayUseFilter('dt/snap/VN', { userId: 'a', unitPaths: [] })).toBe(false);
  });
});

describe('command figures helpers', () => {
  it('finds the province of a unit path, none for the root and central bodies', () => {
    expect(provinceOfPath('VN.01.00004')).toBe('01');
    expect(provinceOfPath('VN.79')).toBe('79');
    expect(provinceOfPath('VN')).toBeNull();
    expect(provinceOfPath('VN.TTCP.BTCDTW')).toBeNull();
  });

  it('counts each subtree once', () => {
    expect(minimalScope(['VN.01.00004', 'VN.01', 'VN.79', 'VN.01'])).toEqual(['VN.01', 'VN.79']);
  });

  it('gives rates per 10,000 people and traffic lights', () => {
    expect(perTenThousand(43, 8_587_100)).toBeCloseTo(0.0501, 4);
    expect(perTenThousand(1_000, 1_000_000)).toBe(10);
    expect(perTenThousand(5, undefined)).toBeNull();
    expect([trafficLight('OVERDUE'), trafficLight('DUE_SOON'), trafficLight('ON_TRACK')]).toEqual(['red', 'amber', 'green']);
  });
});
