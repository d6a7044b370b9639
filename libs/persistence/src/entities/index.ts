import { AnnouncementEntity, CatalogChangeEntity, ItemCodeSequenceEntity, ItemVersionEntity } from './catalog/catalog-records.entity';
import { ItemApprovalEntity, ItemCoercionEntity, ItemPenaltyEntity, ItemRewardEntity } from './catalog/item-details.entity';
import { ItemEntity } from './catalog/item.entity';
import { CaseEntity, CaseNumberSequenceEntity, CaseRefusalEntity, CaseTaskEntity } from './case/case-records.entity';
import { CaseRatingEntity, ConsultationEntity, RectificationEntity } from './hall/hall-records.entity';
import { ApplicantEntity, ApplicantMaterialEntity, FormFileEntity, StoredFileEntity } from './materials/material-records.entity';
import { CaseDocumentEntity, SealKeyEntity } from './documents/document-records.entity';
import { PlatformKeyEntity, SupervisionAuditCheckpointEntity, SupervisionAuditEntity } from './audit/audit.entity';
import { AlarmRuleSetEntity } from './alarm-rules/alarm-rule-set.entity';
import { PolicyAttachmentEntity, PolicyCommentEntity, PolicyDocumentEntity, PolicyInterpretationEntity } from './disclosure/policy-records.entity';
import {
  ExemptionDecisionEntity,
  GradePublicationEntity,
  GradingRuleVersionEntity,
  SupervisionExemptionEntity,
} from './supervision/supervision-records.entity';
import { AlarmRecordEntity, CalendarYearEntity, CaseAlarmEntity, FlowVersionEntity } from './flow/flow-records.entity';
import { DisclosureRequestDocumentEntity, DisclosureRequestEntity, DisclosureRequestSequenceEntity } from './disclosure/request-records.entity';
import { OrgEntity } from './org.entity';
import { UserEntity } from './user.entity';
import { UserChangeEntity } from './user-change.entity';
import { RateLimitCounterEntity } from './rate-limits/rate-limit-counter.entity';
import { CalendarChangeEntity } from './calendar-change.entity';

export * from './catalog/catalog-records.entity';
export * from './catalog/item-details.entity';
export * from './catalog/item.entity';
export * from './audit/audit.entity';
export * from './alarm-rules/alarm-rule-set.entity';
export * from './case/case-records.entity';
export * from './documents/document-records.entity';
export * from './disclosure/policy-records.entity';
export * from './disclosure/request-records.entity';
export * from './flow/flow-records.entity';
export * from './hall/hall-records.entity';
export * from './materials/material-records.entity';
export * from './org.entity';
export * from './user.entity';
export * from './user-change.entity';
export * from './rate-limits/rate-limit-counter.entity';
export * from './calendar-change.entity';
export * from './supervision/supervision-records.entity';

export const ENTITIES = [
  OrgEntity,
  UserEntity,
  UserChangeEntity,
  ItemEntity,
  ItemApprovalEntity,
  ItemPenaltyEntity,
  ItemCoercionEntity,
  ItemRewardEntity,
  ItemCodeSequenceEntity,
  CatalogChangeEntity,
  ItemVersionEntity,
  AnnouncementEntity,
  FlowVersionEntity,
  CalendarYearEntity,
  CalendarChangeEntity,
  CaseAlarmEntity,
  CaseEntity,
  CaseTaskEntity,
  CaseNumberSequenceEntity,
  CaseRefusalEntity,
  ConsultationEntity,
  CaseRatingEntity,
  RectificationEntity,
  ApplicantEntity,
  StoredFileEntity,
  ApplicantMaterialEntity,
  FormFileEntity,
  SealKeyEntity,
  CaseDocumentEntity,
  AlarmRecordEntity,
  SupervisionAuditEntity,
  AlarmRuleSetEntity,
  DisclosureRequestEntity,
  DisclosureRequestDocumentEntity,
  DisclosureRequestSequenceEntity,
  PolicyDocumentEntity,
  PolicyAttachmentEntity,
  PolicyCommentEntity,
  PolicyInterpretationEntity,
  GradingRuleVersionEntity,
  GradePublicationEntity,
  SupervisionExemptionEntity,
  ExemptionDecisionEntity,
  RateLimitCounterEntity,
  SupervisionAuditCheckpointEntity,
  PlatformKeyEntity,
];
