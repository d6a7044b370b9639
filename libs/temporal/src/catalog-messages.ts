// Message definitions of the catalog change review (目录变更审核), shared by the workflow and the API.
// Imported inside the workflow bundle: only @temporalio/workflow and types here.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ItemDraft } from '#domain';

/**
 * What each kind of change carries, as stored with the change (catalog_changes.payload): validated by
 * the API when filed, applied by the activity when approved.
 */
export type CatalogChangePayload =
  | { kind: 'create'; item: ItemDraft }
  | { kind: 'update'; item: ItemDraft }
  | { kind: 'cancel' }
  | { kind: 'delegate'; targetSubjectCode: string; item: ItemDraft }
  | { kind: 'split'; items: ItemDraft[] }
  | { kind: 'import'; rows: { code?: string; item: ItemDraft }[] };

/** Input of catalogChangeWorkflow. The change itself is stored (catalog_changes) before it starts. */
export interface CatalogChangeInput {
  changeId: string;
  /** create | update | delegate | split | cancel | import */
  kind: string;
  /** The filing department's org id. */
  orgId: string;
  /** User id of the dept_admin who filed it. */
  filedBy: string;
}

export interface ReviewCatalogChangeInput {
  /** approve: the change takes effect now; return (退回): nothing changes. */
  decision: 'approve' | 'return';
  /** 审核意见; required to return. */
  note: string;
  /** User id of the review_admin. */
  reviewerId: string;
}

/** Item codes an approved change touched. */
export interface CatalogChangeResult {
  created: string[];
  changed: string[];
  retired: string[];
  cancelled: string[];
}

export interface CatalogChangeState {
  changeId: string;
  status: 'pending' | 'approved' | 'returned';
  result?: CatalogChangeResult;
  note?: string;
}

export const CATALOG_CHANGE_WORKFLOW_TYPE = 'catalogChangeWorkflow';
export const reviewCatalogChangeUpdate = defineUpdate<CatalogChangeState, [ReviewCatalogChangeInput]>('reviewCatalogChange');
export const catalogChangeStateQuery = defineQuery<CatalogChangeState>('catalogChangeState');

export function catalogChangeWorkflowId(changeId: string): string {
  return `catalog-change-${changeId}`;
}
