import { describe, expect, it } from 'vitest';
import { allowedSteps, stepRefusal, STEP_KINDS, targetState, type DirectiveStanding } from './directives.ts';

const issuer: DirectiveStanding = { status: 'OPEN', isIssuer: true, target: null, anyIncomplete: true };
const unit = (state: 'PENDING' | 'ACKNOWLEDGED' | 'COMPLETED'): DirectiveStanding => ({ status: 'OPEN', isIssuer: false, target: { state }, anyIncomplete: true });

describe('the directive state machine', () => {
  it('gives the issuing leader its steps and a target unit its own, by the unit’s state', () => {
    expect(allowedSteps(issuer)).toEqual(['COMMENT', 'URGE', 'EXTEND', 'CLOSE']);
    expect(allowedSteps(unit('PENDING'))).toEqual(['ACKNOWLEDGE', 'REPLY']);
    expect(allowedSteps(unit('ACKNOWLEDGED'))).toEqual(['REPLY', 'COMPLETE']);
    expect(allowedSteps(unit('COMPLETED'))).toEqual(['REPLY']);
    expect(allowedSteps({ status: 'OPEN', isIssuer: false, target: null, anyIncomplete: true })).toEqual([]);
  });

  it('says why a step is refused', () => {
    expect(stepRefusal('COMPLETE', unit('PENDING'))).toBe('NOT_ACKNOWLEDGED');
    expect(stepRefusal('ACKNOWLEDGE', unit('ACKNOWLEDGED'))).toBe('ALREADY');
    expect(stepRefusal('COMPLETE', unit('COMPLETED'))).toBe('ALREADY');
    expect(stepRefusal('URGE', unit('PENDING'))).toBe('NOT_YOURS');
    expect(stepRefusal('REPLY', issuer)).toBe('NOT_YOURS');
    expect(stepRefusal('URGE', { ...issuer, anyIncomplete: false })).toBe('NOTHING_TO_URGE');
    // A closed directive takes nothing more, from anyone; the issuer never acts for a target.
    for (const kind of STEP_KINDS) {
      expect(stepRefusal(kind, { ...issuer, status: 'CLOSED' })).not.toBeNull();
      expect(stepRefusal(kind, { ...unit('ACKNOWLEDGED'), status: 'CLOSED' })).not.toBeNull();
    }
    expect(allowedSteps({ ...issuer, target: { state: 'PENDING' } })).toEqual(['COMMENT', 'URGE', 'EXTEND', 'CLOSE']);
  });

  it('reads a target’s state from its timestamps', () => {
    expect(targetState({ acknowledgedAt: null, completedAt: null })).toBe('PENDING');
    expect(targetState({ acknowledgedAt: '2026-11-24T01:00:00Z', completedAt: null })).toBe('ACKNOWLEDGED');
    expect(targetState({ acknowledgedAt: '2026-11-24T01:00:00Z', completedAt: '2026-11-25T01:00:00Z' })).toBe('COMPLETED');
  });
});
