import { type CatalogChangeInput, type CatalogChangeState, catalogChangeStateQuery, reviewCatalogChangeUpdate } from '#temporal/catalog-messages';
import type { CatalogActivities } from '#activities';
import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';

const { applyCatalogChange, returnCatalogChange } = proxyActivities<CatalogActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * The review of one catalog change (新增、变更、下放、拆分、取消、批量导入): it waits for the approval
 * office's decision, an Update answered only once the decision has taken effect — the change
 * applied atomically with its announcement, or the return recorded. A change the database refuses
 * when applied (the item was cancelled meanwhile, say) fails that Update and stays pending.
 */
export async function catalogChangeWorkflow(input: CatalogChangeInput): Promise<CatalogChangeState> {
  let state: CatalogChangeState = { changeId: input.changeId, status: 'pending' };
  let reviewing = false;
  setHandler(catalogChangeStateQuery, () => state);
  setHandler(
    reviewCatalogChangeUpdate,
    async ({ decision, note, reviewerId }) => {
      reviewing = true;
      try {
        if (decision === 'approve') {
          const result = await applyCatalogChange({ changeId: input.changeId, reviewerId, note });
          state = { changeId: input.changeId, status: 'approved', result, note };
        } else {
          await returnCatalogChange({ changeId: input.changeId, reviewerId, note });
          state = { changeId: input.changeId, status: 'returned', note };
        }
        return state;
      } finally {
        reviewing = false;
      }
    },
    {
      validator: ({ decision, note }) => {
        if (state.status !== 'pending' || reviewing) {
          throw ApplicationFailure.nonRetryable('该变更申请已审核', 'CHANGE_NOT_PENDING');
        }
        if (decision === 'return' && (typeof note !== 'string' || note.trim() === '')) {
          throw ApplicationFailure.nonRetryable('退回须写明理由', 'VALIDATION_FAILED');
        }
      },
    },
  );
  await condition(() => state.status !== 'pending');
  await condition(allHandlersFinished);
  return state;
}
