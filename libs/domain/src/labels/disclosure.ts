// The words of government information disclosure (政府信息公开): applications on request under the 2019
// regulation (国务院令第711号) and the policy documents the disclosure office publishes. Texts marked
// "in workflow state" are copied into the state of running applications: changing one changes what
// new applications record, not what old ones did.
import type { CommentWindowState, DocumentStatus } from '../disclosure/policy-rules';
import type { DisclosureDocumentKind, DisclosureStatus } from '../disclosure/request-model';
import type { DisclosureDelivery, DisclosureReplyType, NotHeldReason, RefusalReason } from '../disclosure/request-vocabulary';

export const DISCLOSURE_STATUS_NAMES: Readonly<Record<DisclosureStatus, string>> = {
  awaiting_confirmation: '待确认收到',
  processing: '办理中',
  correction: '待补正',
  consulting: '征求第三方意见',
  replied: '已答复',
  lapsed: '逾期未补正',
  withdrawn: '已撤回',
};

/** 获取信息的方式, as the reply document says it: 按你（单位）选择的纸质文本方式提供. */
export const DISCLOSURE_DELIVERY_NAMES: Readonly<Record<DisclosureDelivery, string>> = {
  paper: '纸质文本',
  email: '电子邮件',
  disc: '光盘',
  pickup: '当面领取',
  online: '网上获取',
};

/** The reply types of 2019 Art. 36. In workflow state (the reply's event note). */
export const REPLY_TYPE_TEXT: Readonly<Record<DisclosureReplyType, string>> = {
  published: '已主动公开',
  granted: '予以公开',
  partial: '部分公开',
  refused: '不予公开',
  not_exist: '信息不存在',
  not_responsible: '非本机关负责公开',
  repeated: '重复申请',
  other_law: '法律、行政法规另有规定',
};

/** Why information is withheld, as the reply document says it, and the article of the 2019 regulation. */
export const REFUSAL_REASON_TEXT: Readonly<Record<RefusalReason, { label: string; basis: string }>> = {
  state_secret: { label: '属于国家秘密', basis: '第十四条' },
  prohibited_by_law: { label: '其他法律行政法规禁止公开', basis: '第十四条' },
  security_stability: { label: '公开后可能危及国家安全、公共安全、经济安全、社会稳定', basis: '第十四条' },
  third_party_rights: { label: '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害', basis: '第十五条' },
  internal_affairs: { label: '属于人事管理、后勤管理、内部工作流程等内部事务信息', basis: '第十六条第一款' },
  process_information: { label: '属于讨论记录、过程稿、磋商信函、请示报告等过程性信息', basis: '第十六条第二款' },
  enforcement_files: { label: '属于行政执法案卷信息', basis: '第十六条第二款' },
  administrative_query: { label: '属于行政查询事项', basis: '第三十六条第（七）项' },
};

/** Why nothing can be provided, as the reply document says it. */
export const NOT_HELD_TEXT: Readonly<Record<NotHeldReason, string>> = {
  not_held: '经检索，本机关未制作或获取该政府信息',
  needs_creation: '该政府信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供',
  unclear: '补正后申请内容仍不明确，无法确定所申请的政府信息',
};

/** The documents an application issues. In workflow state. */
export const DISCLOSURE_DOCUMENT_TITLES: Readonly<Record<DisclosureDocumentKind, string>> = {
  'correction-notice': '政府信息公开申请补正告知书',
  'third-party-letter': '政府信息公开第三方意见征询函',
  'extension-notice': '政府信息公开申请延期答复告知书',
  reply: '政府信息公开申请答复书',
};

/** 信息类别 of the disclosure catalogue (政府信息公开目录): the words are the codes. */
export const DOCUMENT_CATEGORIES = Object.freeze(['规范性文件', '政府文件', '部门文件', '规划计划', '通知公告', '工作动态'] as const);
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];

/** A policy document's life (policy-rules.ts). */
export const DOCUMENT_STATUS_NAMES: Readonly<Record<DocumentStatus, string>> = { draft: '草稿', published: '已发布', repealed: '已废止' };

/** A policy document's public comment period (征求意见). */
export const COMMENT_STATE_NAMES: Readonly<Record<CommentWindowState, string>> = {
  none: '未征求意见',
  not_open: '尚未开始',
  open: '征求意见中',
  closed: '已结束',
};
