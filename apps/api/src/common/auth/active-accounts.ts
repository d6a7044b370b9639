import { UsersRepository } from '#persistence';
import { Injectable } from '@nestjs/common';

/** How long an answer is kept: a deactivation made by another API process takes effect within it. */
export const ACTIVE_ACCOUNT_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Whether a token's account is still active. Tokens are self-contained JWTs, so without this an
 * account the admin deactivated would keep working until its token expired (JWT_TTL_SECONDS, 8 h).
 * One indexed lookup per account every few seconds; this process forgets an account at once when it
 * changes it (UsersService), other processes after ACTIVE_ACCOUNT_TTL_MS.
 */
@Injectable()
export class ActiveAccounts {
  private readonly known = new Map<string, { active: boolean; until: number }>();

  constructor(private readonly users: UsersRepository) {}

  async isActive(userId: string): Promise<boolean> {
    const now = Date.now();
    const cached = this.known.get(userId);
    if (cached && cached.until > now) return cached.active;
    const active = await this.users.isActive(userId);
    if (this.known.size >= MAX_ENTRIES) this.known.clear();
    this.known.set(userId, { active, until: now + ACTIVE_ACCOUNT_TTL_MS });
    return active;
  }

  forget(userId: string): void {
    this.known.delete(userId);
  }
}
