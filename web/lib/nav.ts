/** The areas of the app each role may open, in the order officials use them. */
import type { MessageKey } from './i18n.svelte.ts';

export interface NavLink {
  href: string;
  label: MessageKey;
  roles: readonly string[];
}

const READERS = ['USER_MANAGER', 'LEADER', 'OFFICER', 'VIEWER'];

export const NAV_LINKS: readonly NavLink[] = [
  { href: '/dashboard', label: 'nav.dashboard', roles: READERS },
  { href: '/petitions', label: 'nav.petitions', roles: READERS },
  { href: '/reception', label: 'nav.reception', roles: ['LEADER', 'OFFICER', 'VIEWER', 'USER_MANAGER'] },
  { href: '/directives', label: 'nav.directives', roles: READERS },
  { href: '/reports', label: 'nav.reports', roles: READERS },
  { href: '/command', label: 'nav.command', roles: ['LEADER', 'VIEWER'] },
  { href: '/command/screens', label: 'command.screens.nav', roles: ['ADMIN'] },
  { href: '/admin', label: 'nav.admin', roles: ['ADMIN', 'USER_MANAGER'] }
];

export function navLinksFor(role: string): NavLink[] {
  return NAV_LINKS.filter((link) => link.roles.includes(role));
}
