import { canDo, canPublishInterpretation, commentPeriodProblems, commentWindowState, MIN_COMMENT_PERIOD_MS, publishBlocker } from './policy-rules';

const DAY = 24 * 3600_000;
const NOW = Date.UTC(2026, 10, 27, 8);

describe('policy document rules', () => {
  it('edits and publishes drafts only; a published text is final; repealed is the end', () => {
    expect(canDo('draft', 'edit')).toBe(true);
    expect(canDo('draft', 'publish')).toBe(true);
    expect(canDo('published', 'edit')).toBe(false);
    expect(canDo('published', 'attach')).toBe(false);
    expect(canDo('published', 'repeal')).toBe(true);
    expect(canDo('repealed', 'repeal')).toBe(false);
    expect(canDo('repealed', 'publish')).toBe(false);
  });

  it('takes comments from the opening instant up to, not including, the closing one', () => {
    const period = { opensAt: NOW, closesAt: NOW + 10 * DAY };
    expect(commentWindowState(null, NOW)).toBe('none');
    expect(commentWindowState(period, NOW - 1)).toBe('not_open');
    expect(commentWindowState(period, NOW)).toBe('open');
    expect(commentWindowState(period, NOW + 10 * DAY - 1)).toBe('open');
    expect(commentWindowState(period, NOW + 10 * DAY)).toBe('closed');
  });

  it('refuses periods that end before they start, are too short or long, or are over', () => {
    expect(commentPeriodProblems({ opensAt: NOW, closesAt: NOW + 30 * DAY }, NOW)).toEqual([]);
    expect(commentPeriodProblems({ opensAt: NOW, closesAt: NOW - DAY }, NOW)).toEqual(['order', 'in_past']);
    expect(commentPeriodProblems({ opensAt: NOW, closesAt: NOW + MIN_COMMENT_PERIOD_MS - 1 }, NOW)).toEqual(['too_short']);
    expect(commentPeriodProblems({ opensAt: NOW, closesAt: NOW + 400 * DAY }, NOW)).toEqual(['too_long']);
    expect(commentPeriodProblems({ opensAt: NOW - 30 * DAY, closesAt: NOW - 2 * DAY }, NOW)).toEqual(['in_past']);
  });

  it('publishes a draft only after its comment period closed and its summary is out', () => {
    const period = { opensAt: NOW - 20 * DAY, closesAt: NOW + DAY };
    expect(publishBlocker(null, false, NOW)).toBeNull();
    expect(publishBlocker(period, false, NOW)).toBe('comment_open');
    expect(publishBlocker(period, false, NOW + 2 * DAY)).toBe('summary_missing');
    expect(publishBlocker(period, true, NOW + 2 * DAY)).toBeNull();
  });

  it('publishes an interpretation only with or after its document', () => {
    expect(canPublishInterpretation('draft')).toBe(false);
    expect(canPublishInterpretation('published')).toBe(true);
  });
});
