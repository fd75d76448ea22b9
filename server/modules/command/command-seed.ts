/**
 * Demo data of the command centre: a dedicated wall-screen account (role Viewer, national scope).
 * It has no usable password: a screen logs in only with a device token that a leader or an
 * administrator creates (POST /api/command/screens, or the "Màn hình chỉ huy" page).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { hashPassword } from '../auth/password.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import { createUsersRepository } from '../users/users.repository.ts';

export const DEMO_SCREEN_ACCOUNT = { identifierCode: 'manhinh.vn', fullName: 'Màn hình chỉ huy Trung ương', role: 'VIEWER', unitCode: 'VN' } as const;

export async function seedCommandDemo(db: Db): Promise<void> {
  const users = createUsersRepository(db);
  if (await users.findByIdentifierCode(DEMO_SCREEN_ACCOUNT.identifierCode)) return;
  const unit = await createUnitsRepository(db).findByCode(DEMO_SCREEN_ACCOUNT.unitCode);
  if (!unit) return;
  await users.insert({
    identifierCode: DEMO_SCREEN_ACCOUNT.identifierCode,
    fullName: DEMO_SCREEN_ACCOUNT.fullName,
    role: DEMO_SCREEN_ACCOUNT.role,
    unitId: unit.id,
    passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
    passwordChangedAt: new Date()
  });
}
