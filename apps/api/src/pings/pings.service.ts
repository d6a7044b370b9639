import { ApiEnv } from '#config';
import { DomainError, ErrorCode } from '#domain';
import { type PingEntity, PingsRepository } from '#persistence';
import {
  completePingUpdate,
  PING_WORKFLOW_TYPE,
  type PingInput,
  type PingState,
  pingWorkflowId,
  taskQueues,
} from '#temporal';
import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../common/auth/auth-user';
import { assertCanRead, assertInOrgScope } from '../common/auth/org-scope';
import { updateFailureToDomainError } from '../common/temporal-errors';
import type { CompletePingDto, PingDto, PingStartedDto, StartPingDto } from './dto/ping.dto';

@Injectable()
export class PingsService {
  private readonly taskQueue: string;

  constructor(
    private readonly client: Client,
    private readonly pings: PingsRepository,
    env: ApiEnv,
  ) {
    this.taskQueue = taskQueues(env.TEMPORAL_TASK_QUEUE).cases;
  }

  async start(user: AuthUser, dto: StartPingDto): Promise<PingStartedDto> {
    const pingId = dto.requestId ?? randomUUID();
    const workflowId = pingWorkflowId(pingId);
    const input: PingInput = { pingId, message: dto.message, requestedBy: user.id, orgId: user.orgId };
    // The same request id again attaches to the running workflow instead of starting a second one.
    await this.client.workflow.start<(input: PingInput) => Promise<PingState>>(PING_WORKFLOW_TYPE, {
      taskQueue: this.taskQueue,
      workflowId,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return { id: pingId, workflowId };
  }

  async get(user: AuthUser, id: string): Promise<PingDto> {
    const ping = await this.load(id);
    assertCanRead(user, ping.org!.path);
    return toDto(ping);
  }

  async complete(user: AuthUser, id: string, dto: CompletePingDto): Promise<PingState> {
    const ping = await this.load(id);
    assertInOrgScope(user, ping.org!.path);
    if (ping.status === 'finished') throw new DomainError(ErrorCode.PING_ALREADY_FINISHED, '此事项已办结');
    try {
      return await this.client.workflow
        .getHandle(ping.workflowId)
        .executeUpdate(completePingUpdate, { args: [{ completedBy: user.id, note: dto.note }] });
    } catch (error) {
      throw toDomainError(error);
    }
  }

  private async load(id: string): Promise<PingEntity> {
    const ping = await this.pings.findById(id);
    if (!ping?.org) throw new DomainError(ErrorCode.PING_NOT_FOUND, '未找到该事项');
    return ping;
  }
}

/** A ping whose projection exists but whose workflow no longer runs has just finished. */
function toDomainError(error: unknown): unknown {
  if (error instanceof WorkflowNotFoundError) return new DomainError(ErrorCode.PING_ALREADY_FINISHED, '此事项已办结');
  return updateFailureToDomainError(error);
}

function toDto(ping: PingEntity): PingDto {
  return {
    id: ping.id,
    status: ping.status,
    message: ping.message,
    orgId: ping.orgId,
    requestedBy: ping.requestedBy,
    completedBy: ping.completedBy,
    note: ping.note,
    startedAt: ping.startedAt.toISOString(),
    finishedAt: ping.finishedAt?.toISOString() ?? null,
  };
}
