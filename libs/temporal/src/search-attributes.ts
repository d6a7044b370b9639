import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import registered from '../search-attributes.json';

/**
 * The custom search attributes of every case workflow. Their names and types are registered with the
 * server from search-attributes.json (the dev server at start, `ensureSearchAttributes` elsewhere), so
 * both lists are the same list; a unit test holds them together.
 */
export const SearchAttributes = {
  /** The power item's code, e.g. 33030300AJ-CF-0003 (附件2). */
  itemCode: defineSearchAttributeKey('ItemCode', SearchAttributeType.KEYWORD),
  /** The centre (org id) that took the case in; its feedback step is bound to it. */
  intakeOrg: defineSearchAttributeKey('IntakeOrg', SearchAttributeType.KEYWORD),
  /** Case status as the supervision office filters it. */
  caseStatus: defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD),
  /** none | reminder | yellow | red. */
  alarmLevel: defineSearchAttributeKey('AlarmLevel', SearchAttributeType.KEYWORD),
  /** Node ids of the steps the case waits at now (several while branches run in parallel). */
  currentStep: defineSearchAttributeKey('CurrentStep', SearchAttributeType.KEYWORD_LIST),
  /** The case's promised deadline. */
  deadlineAt: defineSearchAttributeKey('DeadlineAt', SearchAttributeType.DATETIME),
} as const;

/** Name → Temporal index type name, as the dev server's `--search-attribute K=V` flag takes it. */
export const REGISTERED_SEARCH_ATTRIBUTES: Readonly<Record<string, string>> = registered;
