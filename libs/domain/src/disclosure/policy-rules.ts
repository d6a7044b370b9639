/**
 * The life of a policy document (政策文件) and what may happen in each state, as pure rules.
 *
 * - draft: editable by its department and the disclosure office; it may be put out for public comment
 *   (征求意见稿), the only way a draft is seen by the public.
 * - published: its text is final. A published document is never rewritten: a change is a new
 *   document (with its own number) that repeals the old one, so what people read and quoted stays
 *   as it was (founding document (一) 1: every disclosable policy document is published).
 * - repealed (废止): stays readable, marked with the date and the reason.
 */

export const DOCUMENT_STATUSES = Object.freeze(['draft', 'published', 'repealed'] as const);
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export type DocumentAction = 'edit' | 'attach' | 'open_comment' | 'publish' | 'repeal' | 'feedback';

const ALLOWED: Readonly<Record<DocumentStatus, readonly DocumentAction[]>> = Object.freeze({
  draft: ['edit', 'attach', 'open_comment', 'publish'],
  published: ['repeal', 'feedback'],
  repealed: [],
});

export function canDo(status: DocumentStatus, action: DocumentAction): boolean {
  return ALLOWED[status].includes(action);
}

/** A comment period (征求意见期): from `opensAt` (inclusive) to `closesAt` (exclusive). */
export interface CommentPeriod {
  opensAt: number;
  closesAt: number;
}

export type CommentWindowState = 'none' | 'not_open' | 'open' | 'closed';

export function commentWindowState(period: CommentPeriod | null, now: number): CommentWindowState {
  if (!period) return 'none';
  if (now < period.opensAt) return 'not_open';
  if (now >= period.closesAt) return 'closed';
  return 'open';
}

/** Shortest comment period: a day (a longer one is usual, 30 days for major policies). */
export const MIN_COMMENT_PERIOD_MS = 24 * 3600_000;
/** Longest: a year. */
export const MAX_COMMENT_PERIOD_MS = 366 * 24 * 3600_000;

export type CommentPeriodProblem = 'order' | 'too_short' | 'too_long' | 'in_past';

/** Problems of a proposed period; an empty list when it is acceptable. */
export function commentPeriodProblems(period: CommentPeriod, now: number): CommentPeriodProblem[] {
  const problems: CommentPeriodProblem[] = [];
  const length = period.closesAt - period.opensAt;
  if (length <= 0) problems.push('order');
  else if (length < MIN_COMMENT_PERIOD_MS) problems.push('too_short');
  else if (length > MAX_COMMENT_PERIOD_MS) problems.push('too_long');
  if (period.closesAt <= now) problems.push('in_past');
  return problems;
}

/**
 * Whether a draft may be published now: not while people may still comment on it, and once a
 * comment period has closed, only after its summary (adopted / not adopted, with reasons) is out.
 */
export function publishBlocker(period: CommentPeriod | null, summaryPublished: boolean, now: number): 'comment_open' | 'summary_missing' | null {
  const state = commentWindowState(period, now);
  if (state === 'open' || state === 'not_open') return 'comment_open';
  if (state === 'closed' && !summaryPublished) return 'summary_missing';
  return null;
}

/** An interpretation (政策解读) goes out with its document or after it, never before. */
export function canPublishInterpretation(documentStatus: DocumentStatus): boolean {
  return documentStatus !== 'draft';
}
