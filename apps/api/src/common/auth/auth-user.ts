import type { Role } from '#domain';

/** The signed-in user as the access token states it. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  orgId: string;
  /** Materialised path of the user's organisation (see libs/domain org-scope). */
  orgPath: string;
  /**
   * Path of the region the user works for: their organisation itself when it is a region, the
   * parent region when it is a department (a county's 审管办 reviews the whole county).
   */
  regionPath: string;
}

/** The claims inside the JWT. */
export interface AccessTokenClaims {
  sub: string;
  username: string;
  role: Role;
  org: string;
  orgPath: string;
  regionPath: string;
  /** Issued at (seconds), set by the signer. */
  iat?: number;
}
