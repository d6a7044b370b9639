import { buildAnnualReport, type ReportableRequest, RESULT_ROWS, resultRowOf } from '#domain';

function request(overrides: Partial<ReportableRequest>): ReportableRequest {
  return {
    applicantKind: 'person',
    organizationType: null,
    firstReceivedOn: '2026-03-02',
    finishedOn: '2026-03-20',
    status: 'replied',
    replyType: 'granted',
    replyReason: null,
    ...overrides,
  };
}

describe('the annual report (收到和处理政府信息公开申请情况)', () => {
  it('counts each finished application in its row of the national format', () => {
    expect(resultRowOf({ status: 'replied', replyType: 'published', replyReason: null })).toBe('granted');
    expect(resultRowOf({ status: 'replied', replyType: 'refused', replyReason: 'state_secret' })).toBe('refused.state_secret');
    expect(resultRowOf({ status: 'replied', replyType: 'not_exist', replyReason: 'needs_creation' })).toBe('unable.needs_creation');
    expect(resultRowOf({ status: 'replied', replyType: 'not_responsible', replyReason: null })).toBe('unable.not_held');
    expect(resultRowOf({ status: 'replied', replyType: 'repeated', replyReason: null })).toBe('not_processed.repeated');
    expect(resultRowOf({ status: 'lapsed', replyType: null, replyReason: null })).toBe('other.no_correction');
    expect(resultRowOf({ status: 'withdrawn', replyType: null, replyReason: null })).toBe('other.other');
    for (const replyType of ['published', 'granted', 'partial', 'refused', 'not_exist', 'not_responsible', 'repeated', 'other_law'] as const) {
      expect(RESULT_ROWS.map((r) => r.key)).toContain(resultRowOf({ status: 'replied', replyType, replyReason: null }));
    }
  });

  it('splits new applications by applicant, carries over across years, and balances', () => {
    const report = buildAnnualReport(2026, [
      request({}),
      request({ applicantKind: 'company', organizationType: 'commercial', replyType: 'refused', replyReason: 'third_party_rights' }),
      request({ applicantKind: 'company', organizationType: 'legal_service', finishedOn: null, status: 'processing', replyType: null }),
      request({ firstReceivedOn: '2025-12-29', finishedOn: '2026-01-20', replyType: 'partial', replyReason: 'process_information' }),
      request({ firstReceivedOn: '2025-12-01', finishedOn: '2025-12-15' }), // finished last year: not in 2026
      request({ firstReceivedOn: null, finishedOn: null, status: 'awaiting_confirmation', replyType: null }), // never received
      request({ firstReceivedOn: '2026-12-30', finishedOn: '2027-01-05', status: 'lapsed', replyType: null }),
    ]);
    expect(report.received).toMatchObject({ natural: 2, commercial: 1, legal_service: 1, total: 4 });
    expect(report.carriedOver).toMatchObject({ natural: 1, total: 1 });
    expect(report.carriedForward).toMatchObject({ natural: 1, legal_service: 1, total: 2 });
    const row = (key: string) => report.results.find((r) => r.key === key)!.counts.total;
    expect([row('granted'), row('partial'), row('refused.third_party_rights')]).toEqual([1, 1, 1]);
    expect(report.resultsTotal.total).toBe(3);
    expect(report.received.total + report.carriedOver.total).toBe(report.resultsTotal.total + report.carriedForward.total);
  });
});
