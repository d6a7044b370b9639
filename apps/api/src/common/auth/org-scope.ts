import { DomainError, ErrorCode, isWithinOrg, Role } from '#domain';
import type { AuthUser } from './auth-user';

/**
 * Refuses unless the target organisation lies inside the user's own (the user's org or below).
 * Call it in services right after loading the record, before anything else.
 */
export function assertInOrgScope(user: AuthUser, targetOrgPath: string): void {
  if (!isWithinOrg(user.orgPath, targetOrgPath)) {
    throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '该事项不属于您所在单位的办理范围');
  }
}

/** Supervisors read everything (DESIGN.md "Who uses it"); everyone else within their org. */
export function assertCanRead(user: AuthUser, targetOrgPath: string): void {
  if (user.role === Role.SUPERVISOR) return;
  assertInOrgScope(user, targetOrgPath);
}
