import { Role } from '#domain';
import { Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import { AuditLogService } from './audit-log.service';

/** The supervision audit log's signed checkpoints (监察留痕的签名检查点). */
@ApiTags('supervision')
@Controller('supervision/audit')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  /** supervisor: every checkpoint and the platform's public key, as JSON to publish; `npm run audit:verify-export` checks it. */
  @Roles(Role.SUPERVISOR)
  @Get('checkpoints')
  checkpoints(@CurrentUser() user: AuthUser) {
    return this.auditLog.exportCheckpoints(user);
  }

  /** supervisor: signs the log's head now. 409 AUDIT_CHAIN_BROKEN when the chain does not hold. */
  @Roles(Role.SUPERVISOR)
  @Post('checkpoints')
  checkpoint(@CurrentUser() user: AuthUser) {
    return this.auditLog.checkpoint(user);
  }

  /** supervisor: the chain and every checkpoint checked now. */
  @Roles(Role.SUPERVISOR)
  @Get('verification')
  verify(@CurrentUser() user: AuthUser) {
    return this.auditLog.verify(user);
  }
}
