/** Console roles, in the landlord's words. */
export const ROLES = ['admin', 'community_manager', 'communication_readonly'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrateur',
  community_manager: 'Community manager',
  communication_readonly: 'Communication (lecture seule)',
};

export function hasRole(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}
