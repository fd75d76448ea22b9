/**
 * Server-side password policy: the shared rules plus a breach list (the 49,000 most common
 * leaked passwords from @zxcvbn-ts/language-common, and Vietnamese ones it lacks).
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { basicPasswordProblems, type PasswordProblem } from '../../../shared/password-rules.ts';

const VIETNAMESE_COMMON = ['matkhau', 'matkhau123', 'matkhau@123', 'vietnam', 'vietnam123', 'hanoi123', 'saigon123', 'donthu', 'donthu123', 'admin@123', 'abc@12345', 'abcd@1234', 'qwerty@123', 'anhyeuem', 'emyeuanh', 'iloveyou123'];

let breached: Set<string> | undefined;

function breachList(): Set<string> {
  breached ??= new Set([...(dictionary['passwords-common'] as string[]), ...VIETNAMESE_COMMON]);
  return breached;
}

export function isBreachedPassword(password: string): boolean {
  const lower = password.toLowerCase();
  // "Password123!" is "password" with decoration: strip trailing digits and symbols too.
  const core = lower.replace(/[\d\W_]+$/u, '');
  return breachList().has(lower) || (core.length >= 4 && breachList().has(core) && core.length >= lower.length - 4);
}

export function passwordProblems(password: string, identifierCode: string): PasswordProblem[] {
  const problems = basicPasswordProblems(password, identifierCode);
  if (isBreachedPassword(password)) problems.push('breached');
  return problems;
}
