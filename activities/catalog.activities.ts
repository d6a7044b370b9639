import { DomainError } from '#domain';
import type { CatalogRepository } from '#persistence';
import type { CatalogChangeResult } from '#temporal/catalog-messages';
import { ApplicationFailure } from '@temporalio/common';
import { ApplyCatalogChange } from './catalog/apply-catalog-change';

export interface CatalogActivityDeps {
  catalog: CatalogRepository;
}

/** Business refusals do not get better with retries: they fail the activity for good, code kept. */
async function businessFailuresFinal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, error.code, ...error.details);
    throw error;
  }
}

export function createCatalogActivities({ catalog }: CatalogActivityDeps) {
  const apply = new ApplyCatalogChange(catalog);
  return {
    /** Idempotent by change id: a retry after the commit returns the first result. */
    applyCatalogChange(input: { changeId: string; reviewerId: string; note: string }): Promise<CatalogChangeResult> {
      return businessFailuresFinal(() => apply.execute({ ...input, now: new Date() }));
    },

    /** Idempotent: a change already returned stays as it was first returned. */
    returnCatalogChange(input: { changeId: string; reviewerId: string; note: string }): Promise<void> {
      return businessFailuresFinal(() =>
        catalog.transaction(async (manager) => {
          const change = await catalog.lockChange(manager, input.changeId);
          if (change.status === 'returned') return;
          if (change.status !== 'pending') throw new DomainError('CHANGE_NOT_PENDING', '该变更申请已审核');
          await catalog.decideChange(manager, change.id, {
            status: 'returned',
            reviewedBy: input.reviewerId,
            reviewNote: input.note,
            result: null,
            decidedAt: new Date(),
          });
        }),
      );
    },
  };
}

export type CatalogActivities = ReturnType<typeof createCatalogActivities>;
