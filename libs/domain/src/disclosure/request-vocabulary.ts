// The code lists of disclosure on application (依申请公开): channels, delivery, applicant organisations,
// reply types and their reasons. Their Chinese words are in ../labels/disclosure.ts.

/** How the application arrived; it fixes the receipt date (2019 Art. 31). */
export const DISCLOSURE_CHANNELS = ['online', 'in_person', 'post', 'fax'] as const;
export type DisclosureChannel = (typeof DISCLOSURE_CHANNELS)[number];

/** 获取信息的方式 the applicant asks for. */
export const DISCLOSURE_DELIVERY = ['paper', 'email', 'disc', 'pickup', 'online'] as const;
export type DisclosureDelivery = (typeof DISCLOSURE_DELIVERY)[number];

/** The kinds of legal person or other organisation of the annual report (年度报告格式). */
export const ORGANIZATION_TYPES = ['commercial', 'research', 'public_welfare', 'legal_service', 'other'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** The reply types of 2019 Art. 36. */
export const DISCLOSURE_REPLY_TYPES = ['published', 'granted', 'partial', 'refused', 'not_exist', 'not_responsible', 'repeated', 'other_law'] as const;
export type DisclosureReplyType = (typeof DISCLOSURE_REPLY_TYPES)[number];

/** Why information is withheld (Art. 14–16), in the sub-rows of the annual report's 不予公开. */
export const REFUSAL_REASONS = [
  'state_secret',
  'prohibited_by_law',
  'security_stability',
  'third_party_rights',
  'internal_affairs',
  'process_information',
  'enforcement_files',
  'administrative_query',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Why nothing can be provided (annual report 无法提供). */
export const NOT_HELD_REASONS = ['not_held', 'needs_creation', 'unclear'] as const;
export type NotHeldReason = (typeof NOT_HELD_REASONS)[number];

/** A reply (答复), by type; which fields each type needs is checked by validateReply. */
