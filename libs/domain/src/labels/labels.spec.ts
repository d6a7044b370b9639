import {
  ALL_ROLES,
  DISCLOSURE_DELIVERY,
  DISCLOSURE_REPLY_TYPES,
  DOCUMENT_STATUSES,
  FLOW_OUTCOMES,
  GRADING_INDICATORS,
  ITEM_TYPE_CODES,
  NOT_HELD_REASONS,
  ORG_LEVELS,
  REFUSAL_REASONS,
  STEP_ACTIONS,
  SUBJECT_NATURES,
} from '#domain';
import * as labels from './index';
import { labelOf } from './index';

/** Every label table the module exports (the functions and code lists aside). */
const TABLES = Object.entries(labels).filter(([, value]) => typeof value === 'object' && value !== null && !Array.isArray(value));

const HAN = /\p{Script=Han}/u;

describe('label tables', () => {
  it('exports the tables it is meant to hold', () => {
    expect(TABLES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(TABLES)('%s gives every code Chinese words, without stray spaces', (_name, table) => {
    const texts = Object.values(table as object).flatMap((v: unknown) => (typeof v === 'string' ? [v] : Object.values(v as object)));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(typeof text).toBe('string');
      expect(text).toBe((text as string).trim());
      expect(text).toMatch(HAN);
    }
  });

  it.each([
    ['ROLE_NAMES', labels.ROLE_NAMES, ALL_ROLES],
    ['ORG_LEVEL_NAMES', labels.ORG_LEVEL_NAMES, ORG_LEVELS],
    ['CASE_ACTION_NAMES', labels.CASE_ACTION_NAMES, [...STEP_ACTIONS, 'resubmit', 'withdraw']],
    ['CASE_OUTCOME_NAMES', labels.CASE_OUTCOME_NAMES, FLOW_OUTCOMES],
    ['FLOW_END_NAMES', labels.FLOW_END_NAMES, FLOW_OUTCOMES],
    ['ITEM_TYPE_NAMES', labels.ITEM_TYPE_NAMES, ITEM_TYPE_CODES],
    ['SUBJECT_NATURE_NAMES', labels.SUBJECT_NATURE_NAMES, SUBJECT_NATURES],
    ['REPLY_TYPE_TEXT', labels.REPLY_TYPE_TEXT, DISCLOSURE_REPLY_TYPES],
    ['REFUSAL_REASON_TEXT', labels.REFUSAL_REASON_TEXT, REFUSAL_REASONS],
    ['NOT_HELD_TEXT', labels.NOT_HELD_TEXT, NOT_HELD_REASONS],
    ['DISCLOSURE_DELIVERY_NAMES', labels.DISCLOSURE_DELIVERY_NAMES, DISCLOSURE_DELIVERY],
    ['DOCUMENT_STATUS_NAMES', labels.DOCUMENT_STATUS_NAMES, DOCUMENT_STATUSES],
    ['GRADING_INDICATOR_NAMES', labels.GRADING_INDICATOR_NAMES, GRADING_INDICATORS],
  ])('%s names exactly the codes of its vocabulary', (_name, table, codes) => {
    expect(Object.keys(table).sort()).toEqual([...codes].sort());
  });

  it('gives distinct words to the codes a reader must tell apart', () => {
    for (const table of [
      labels.CASE_OUTCOME_NAMES,
      labels.CASE_STATUS_NAMES,
      labels.DISCLOSURE_STATUS_NAMES,
      labels.ROLE_NAMES,
      labels.REPLY_TYPE_TEXT,
      labels.ALARM_LEVEL_NAMES,
    ]) {
      const words = Object.values(table);
      expect(new Set(words).size).toBe(words.length);
    }
  });
});

describe('labelOf', () => {
  it('reads a code that came as plain text', () => {
    expect(labelOf(labels.CASE_ACTION_NAMES, 'decide')).toBe('作出决定');
  });

  it('shows a code it has no words for as it is, and no code as a dash', () => {
    expect(labelOf(labels.CASE_ACTION_NAMES, 'newAction')).toBe('newAction');
    expect(labelOf(labels.CASE_ACTION_NAMES, 'constructor')).toBe('constructor');
    expect(labelOf(labels.CASE_ACTION_NAMES, null)).toBe('—');
    expect(labelOf(labels.CASE_ACTION_NAMES, undefined)).toBe('—');
  });
});
