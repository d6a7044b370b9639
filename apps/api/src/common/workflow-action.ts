import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { IsUUID } from 'class-validator';
import { IsOptional } from './validators';
import { randomUUID } from 'node:crypto';
import { retryTransient } from './errors/transient-errors';

/** The optional `requestId` of an action's DTO (a case's, an application's): a UUID the client chooses. */
export function ActionRequestId(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: 'client-chosen id; the same one again (a retry) applies nothing twice and answers as the first time' }),
    IsOptional(),
    IsUUID(),
  );
}

/**
 * A person's action on a record's workflow (a case, an application for information), sent as a
 * workflow Update. With the client's requestId a retried request (a lost answer, a restarted API) is
 * the same Update: the server applies an update id once and answers every repeat with its outcome, so
 * the action's effects (a step done, a document issued) happen once. Without one, each request is an
 * action of its own. A call that fails for a moment is repeated with the same update id for up to 20 s
 * in all (retryTransient; then 503 SERVICE_UNAVAILABLE, for the client to retry with the same requestId).
 */
export function executeAction<Result, Command>(
  client: Client,
  options: { workflowId: string; update: UpdateDefinition<Result, [Command]>; command: Command; userId: string; requestId?: string | undefined },
): Promise<Result> {
  const { workflowId, update, command, userId, requestId } = options;
  // Scoped to the user: another user's request with the same id is a request of its own.
  const updateId = requestId ? `act-${userId}-${requestId}` : randomUUID();
  const handle = client.workflow.getHandle(workflowId);
  return retryTransient((deadline) => client.withDeadline(deadline, () => handle.executeUpdate(update, { args: [command], updateId })));
}
