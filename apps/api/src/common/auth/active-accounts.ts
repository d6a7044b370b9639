import { UsersRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import { Clock } from '../clock';

/** How long an answer is kept: a deactivation made by another API process takes effect within it. */
export const ACTIVE_ACCOUNT_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Whether a token's account is still active, and the token not older than the account's last
 * deactivation or password reset. Tokens are self-contained JWTs, so without this an
 * account the admin deactivated would keep working until its token expired (JWT_TTL_SECONDS, 8 h).
 * One indexed lookup per account every few seconds; this process forgets an account at once when it
 * changes it (UsersService), other processes after ACTIVE_ACCOUNT_TTL_MS.
 */
@Injectable()
export class ActiveAccounts {
  private readonly known = new Map<string, { active: boolean; validAfterSeconds: number; until: number }>();

  constructor(
    private readonly users: UsersRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Whether a token of the account issued at `issuedAtSeconds` (the JWT's iat) still counts: the
   * account is active and the token is not older than a deactivation or a password reset.
   */
  async accepts(userId: string, issuedAtSeconds: number): Promise<boolean> {
    const now = this.clock.now();
    let state = this.known.get(userId);
    if (!state || state.until <= now) {
      const found = await this.users.tokenState(userId);
      state = {
        active: found?.active ?? false,
        validAfterSeconds: found?.tokensValidAfter ? Math.floor(found.tokensValidAfter.getTime() / 1000) : 0,
        until: now + ACTIVE_ACCOUNT_TTL_MS,
      };
      if (this.known.size >= MAX_ENTRIES) this.known.clear();
      this.known.set(userId, state);
    }
    return state.active && issuedAtSeconds >= state.validAfterSeconds;
  }

  forget(userId: string): void {
    this.known.delete(userId);
  }
}
