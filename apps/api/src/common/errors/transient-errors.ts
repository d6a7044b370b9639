import { DomainError, ErrorCode } from '#domain';
import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

/** gRPC status codes a Temporal call may answer while the server or a worker is briefly away. */
const GRPC_TRANSIENT = new Set([
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
  10, // ABORTED
  14, // UNAVAILABLE
]);
const GRPC_FAILED_PRECONDITION = 9;

/** node-postgres and PostgreSQL codes of a connection that is gone or not there yet. */
const PG_TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const PG_TRANSIENT_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

function* causes(error: unknown): Generator<Record<string, unknown>> {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    yield e as Record<string, unknown>;
  }
}

/**
 * A Temporal call that failed for a moment and may be repeated as it was: the server unreachable or
 * overloaded, the call timed out, or an Update refused because the workflow's current task failed
 * or timed out (a worker killed or starved; the server retries the task). Repeating an Update with
 * the same update id is safe: the server runs an update id once and answers a repeat with its outcome.
 */
export function isTransientTemporalError(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  for (const e of causes(error)) {
    if (typeof e.code === 'number') {
      if (GRPC_TRANSIENT.has(e.code)) return true;
      if (e.code === GRPC_FAILED_PRECONDITION && /workflow task in failed state|could not be executed/i.test(String(e.message ?? ''))) return true;
    }
  }
  return false;
}

/** A PostgreSQL connection that dropped or could not be made (a restart, a full pool). */
export function isTransientDatabaseError(error: unknown): boolean {
  for (const e of causes(error)) {
    if (typeof e.code === 'string' && PG_TRANSIENT.has(e.code)) return true;
    if (typeof e.message === 'string' && PG_TRANSIENT_MESSAGE.test(e.message)) return true;
  }
  return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Repeats `call` while it fails transiently, backing off up to `budgetMs` in all; then (or on
 * another error) throws: a transient failure as 503 SERVICE_UNAVAILABLE, which a client may retry
 * with the same request id. `call` gets the budget's end, to bound an attempt that would outlast it
 * (the Temporal client's own gRPC retries of an unreachable server take some 20 s).
 */
export async function retryTransient<T>(call: (deadline: number) => Promise<T>, budgetMs = 20_000): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
    try {
      return await call(deadline);
    } catch (error) {
      if (!isTransientTemporalError(error)) throw error;
      if (Date.now() + delay > deadline) throw unavailable(error);
      await sleep(delay);
    }
  }
}

export function unavailable(cause: unknown): DomainError {
  const error = new DomainError(ErrorCode.SERVICE_UNAVAILABLE, '服务暂时不可用，请稍后使用同一请求编号重试');
  (error as { cause?: unknown }).cause = cause;
  return error;
}
