// The annual report's section 三、收到和处理政府信息公开申请情况, in the rows and columns of the national
// format (国务院办公厅政府信息与政务公开办公室《中华人民共和国政府信息公开工作年度报告格式》, 2021).
import type { DisclosureStatus } from './request-model';
import type { DisclosureReplyType, NotHeldReason, OrganizationType, RefusalReason } from './request-vocabulary';

/** One application as the projection holds it. Dates are China-time 'YYYY-MM-DD'. */
export interface ReportableRequest {
  applicantKind: 'person' | 'company';
  organizationType: OrganizationType | null;
  /** The first receipt date (Art. 31); null for an online application never confirmed. */
  firstReceivedOn: string | null;
  /** The day it was replied to, lapsed or withdrawn; null while open. */
  finishedOn: string | null;
  status: DisclosureStatus;
  replyType: DisclosureReplyType | null;
  /** refused/partial: the RefusalReason; not_exist: the NotHeldReason. */
  replyReason: string | null;
}

export const REPORT_COLUMNS = [
  { key: 'natural', label: '自然人' },
  { key: 'commercial', label: '法人或其他组织·商业企业' },
  { key: 'research', label: '法人或其他组织·科研机构' },
  { key: 'public_welfare', label: '法人或其他组织·社会公益组织' },
  { key: 'legal_service', label: '法人或其他组织·法律服务机构' },
  { key: 'other', label: '法人或其他组织·其他' },
  { key: 'total', label: '总计' },
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number]['key'];

/** The result rows (三、本年度办理结果), in the format's order. */
export const RESULT_ROWS: readonly { key: string; label: string }[] = [
  { key: 'granted', label: '（一）予以公开' },
  { key: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { key: 'refused.state_secret', label: '（三）不予公开·1.属于国家秘密' },
  { key: 'refused.prohibited_by_law', label: '（三）不予公开·2.其他法律行政法规禁止公开' },
  { key: 'refused.security_stability', label: '（三）不予公开·3.危及“三安全一稳定”' },
  { key: 'refused.third_party_rights', label: '（三）不予公开·4.保护第三方合法权益' },
  { key: 'refused.internal_affairs', label: '（三）不予公开·5.属于三类内部事务信息' },
  { key: 'refused.process_information', label: '（三）不予公开·6.属于四类过程性信息' },
  { key: 'refused.enforcement_files', label: '（三）不予公开·7.属于行政执法案卷' },
  { key: 'refused.administrative_query', label: '（三）不予公开·8.属于行政查询事项' },
  { key: 'unable.not_held', label: '（四）无法提供·1.本机关不掌握相关政府信息' },
  { key: 'unable.needs_creation', label: '（四）无法提供·2.没有现成信息需要另行制作' },
  { key: 'unable.unclear', label: '（四）无法提供·3.补正后申请内容仍不明确' },
  { key: 'not_processed.petition', label: '（五）不予处理·1.信访举报投诉类申请' },
  { key: 'not_processed.repeated', label: '（五）不予处理·2.重复申请' },
  { key: 'not_processed.publication', label: '（五）不予处理·3.要求提供公开出版物' },
  { key: 'not_processed.excessive', label: '（五）不予处理·4.无正当理由大量反复申请' },
  { key: 'not_processed.confirmation', label: '（五）不予处理·5.要求行政机关确认或重新出具已获取信息' },
  { key: 'other.no_correction', label: '（六）其他处理·1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  { key: 'other.unpaid', label: '（六）其他处理·2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  { key: 'other.other', label: '（六）其他处理·3.其他' },
];

type Counts = Record<ReportColumn, number>;

export interface AnnualReport {
  year: number;
  columns: typeof REPORT_COLUMNS;
  /** 一、本年新收政府信息公开申请数量 */
  received: Counts;
  /** 二、上年结转政府信息公开申请数量 */
  carriedOver: Counts;
  /** 三、本年度办理结果, by row key (RESULT_ROWS), and （七）总计. */
  results: { key: string; label: string; counts: Counts }[];
  resultsTotal: Counts;
  /** 四、结转下年度继续办理 */
  carriedForward: Counts;
}

/** Which result row a finished application counts in. 已主动公开 is 予以公开 in the format. */
export function resultRowOf(request: Pick<ReportableRequest, 'status' | 'replyType' | 'replyReason'>): string {
  if (request.status === 'lapsed') return 'other.no_correction';
  if (request.status === 'withdrawn') return 'other.other';
  switch (request.replyType) {
    case 'published':
    case 'granted':
      return 'granted';
    case 'partial':
      return 'partial';
    case 'refused':
      return `refused.${(request.replyReason as RefusalReason | null) ?? 'prohibited_by_law'}`;
    case 'not_exist':
      return `unable.${(request.replyReason as NotHeldReason | null) ?? 'not_held'}`;
    case 'not_responsible':
      // 非本机关负责公开: the agency does not hold it (本机关不掌握), as the format's notes count it.
      return 'unable.not_held';
    case 'repeated':
      return 'not_processed.repeated';
    case 'other_law':
    case null:
      return 'other.other';
  }
}

function columnOf(request: ReportableRequest): Exclude<ReportColumn, 'total'> {
  return request.applicantKind === 'person' ? 'natural' : (request.organizationType ?? 'other');
}

function zero(): Counts {
  return { natural: 0, commercial: 0, research: 0, public_welfare: 0, legal_service: 0, other: 0, total: 0 };
}

function add(counts: Counts, request: ReportableRequest): void {
  counts[columnOf(request)] += 1;
  counts.total += 1;
}

/**
 * The year's figures. They balance as the format requires: received + carried over = results total +
 * carried forward. An online application never confirmed was never received and counts nowhere.
 */
export function buildAnnualReport(year: number, requests: readonly ReportableRequest[]): AnnualReport {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const received = zero();
  const carriedOver = zero();
  const carriedForward = zero();
  const resultsTotal = zero();
  const rows = new Map(RESULT_ROWS.map((r) => [r.key, zero()]));
  for (const request of requests) {
    const receivedOn = request.firstReceivedOn;
    if (receivedOn === null || receivedOn > last) continue;
    const finishedOn = request.finishedOn;
    if (finishedOn !== null && finishedOn < first) continue;
    if (receivedOn >= first) add(received, request);
    else add(carriedOver, request);
    if (finishedOn !== null && finishedOn <= last) {
      add(rows.get(resultRowOf(request))!, request);
      add(resultsTotal, request);
    } else {
      add(carriedForward, request);
    }
  }
  return {
    year,
    columns: REPORT_COLUMNS,
    received,
    carriedOver,
    results: RESULT_ROWS.map((r) => ({ key: r.key, label: r.label, counts: rows.get(r.key)! })),
    resultsTotal,
    carriedForward,
  };
}
