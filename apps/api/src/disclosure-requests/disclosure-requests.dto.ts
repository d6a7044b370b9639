import { APPLICANT_ID_PATTERN, DISCLOSURE_DELIVERY, DISCLOSURE_REPLY_TYPES, NOT_HELD_REASONS, ORGANIZATION_TYPES, REFUSAL_REASONS } from '#domain';
import type { DisclosureDelivery, DisclosureReplyType, NotHeldReason, OrganizationType, RefusalReason } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsOptional, ValidateNested } from '../common/validators';
import { PageQueryDto } from '../common/page-query.dto';
import { ActionRequestId } from '../common/workflow-action';

export class DisclosureApplicantDto {
  @ApiProperty({ enum: ['person', 'company'], description: '自然人 or 法人或其他组织' }) @IsIn(['person', 'company']) kind!: 'person' | 'company';
  @ApiProperty({ example: '张三' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ description: '公民身份号码 or 统一社会信用代码 (checked)' }) @IsString() @Matches(APPLICANT_ID_PATTERN) idNumber!: string;
  @ApiPropertyOptional({ enum: ORGANIZATION_TYPES, description: 'companies: the annual report’s kind (default other)' })
  @IsOptional()
  @IsIn(ORGANIZATION_TYPES)
  organizationType?: OrganizationType;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @ApiPropertyOptional({ description: '通信地址' }) @IsOptional() @IsString() @MaxLength(300) address?: string;
  @ApiPropertyOptional({ description: 'officer: the applicant’s account, so they can follow it online' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  username?: string;
}

/** An application: online by the applicant, or registered at the counter (in person, by post, by fax) by the officer. */
export class RegisterDisclosureRequestDto {
  @ApiProperty({ description: 'client-chosen id; the same one again registers nothing new' }) @IsUUID() requestId!: string;
  @ApiProperty({ example: '33030300ZF', description: 'the agency applied to (its org code)' }) @Matches(/^[0-9A-Z]{6,12}$/) agencyOrgCode!: string;
  @ApiProperty({ type: DisclosureApplicantDto }) @ValidateNested() @Type(() => DisclosureApplicantDto) applicant!: DisclosureApplicantDto;
  @ApiProperty({ description: '所需政府信息的名称、文号或者便于查询的其他特征性描述' }) @IsString() @IsNotEmpty() @MaxLength(2000) description!: string;
  @ApiPropertyOptional({ description: '用途 (optional under the 2019 regulation)' }) @IsOptional() @IsString() @MaxLength(500) purpose?: string;
  @ApiProperty({ enum: DISCLOSURE_DELIVERY }) @IsIn(DISCLOSURE_DELIVERY) delivery!: DisclosureDelivery;
  @ApiPropertyOptional({ enum: ['in_person', 'post', 'fax'], description: 'officer: how it came in (online applications are the applicant’s)' })
  @IsOptional()
  @IsIn(['in_person', 'post', 'fax'])
  channel?: 'in_person' | 'post' | 'fax';
  @ApiPropertyOptional({ example: '2026-11-26', description: 'officer, post/fax: the day it was signed for (Art. 31), not after today' })
  @IsOptional()
  @IsCalendarDate()
  receivedOn?: string;
}

export class DisclosureReplyDto {
  @ApiProperty({ enum: DISCLOSURE_REPLY_TYPES }) @IsIn(DISCLOSURE_REPLY_TYPES) type!: DisclosureReplyType;
  @ApiPropertyOptional({ description: 'granted/partial: what is provided' }) @IsOptional() @IsString() @MaxLength(5000) content?: string;
  @ApiPropertyOptional({ description: 'published: where' }) @IsOptional() @IsString() @MaxLength(1000) location?: string;
  @ApiPropertyOptional({ enum: REFUSAL_REASONS }) @IsOptional() @IsIn(REFUSAL_REASONS) refusalReason?: RefusalReason;
  @ApiPropertyOptional({ enum: NOT_HELD_REASONS }) @IsOptional() @IsIn(NOT_HELD_REASONS) notHeldReason?: NotHeldReason;
  @ApiPropertyOptional({ description: 'not_responsible: the body that is' }) @IsOptional() @IsString() @MaxLength(200) responsibleBody?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) responsibleContact?: string;
  @ApiPropertyOptional({ description: 'repeated: the earlier application’s number' }) @IsOptional() @IsString() @MaxLength(60) earlierNumber?: string;
  @ApiPropertyOptional({ description: 'other_law: the law and register' }) @IsOptional() @IsString() @MaxLength(1000) register?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export const DISCLOSURE_ACTIONS = [
  'confirmReceipt',
  'requestCorrection',
  'submitCorrection',
  'consultThirdParty',
  'recordThirdPartyOpinion',
  'extend',
  'reply',
  'withdraw',
] as const;

export class DisclosureActionDto {
  @ApiProperty({ enum: DISCLOSURE_ACTIONS }) @IsIn(DISCLOSURE_ACTIONS) type!: (typeof DISCLOSURE_ACTIONS)[number];
  @ActionRequestId() requestId?: string;
  @ApiPropertyOptional({ type: [String], description: 'requestCorrection: every item, at once' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  items?: string[];
  @ApiPropertyOptional({ description: 'requestCorrection: working days given to correct' }) @IsOptional() @IsInt() @Min(1) @Max(60) correctionDays?: number;
  @ApiPropertyOptional({ description: 'submitCorrection: the corrected description' }) @IsOptional() @IsString() @MaxLength(5000) supplement?: string;
  @ApiPropertyOptional({ description: 'consultThirdParty: who' }) @IsOptional() @IsString() @MaxLength(200) thirdParty?: string;
  @ApiPropertyOptional({ description: 'consultThirdParty: what may harm it' }) @IsOptional() @IsString() @MaxLength(1000) matter?: string;
  @ApiPropertyOptional({ enum: ['agree', 'disagree'] }) @IsOptional() @IsIn(['agree', 'disagree']) opinion?: 'agree' | 'disagree';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ description: 'extend, withdraw: why' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional({ description: 'extend: the office head who approved it' }) @IsOptional() @IsString() @MaxLength(100) approvedBy?: string;
  @ApiPropertyOptional({ description: 'extend: working days (default and maximum: the rules’ extension)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  days?: number;
  @ApiPropertyOptional({ type: DisclosureReplyDto }) @IsOptional() @ValidateNested() @Type(() => DisclosureReplyDto) reply?: DisclosureReplyDto;
}

export class DisclosureRequestIdDto {
  @IsUUID() id!: string;
}

export class DisclosureDocumentParamDto {
  @IsUUID() id!: string;
  @IsUUID() documentId!: string;
}

export class DisclosureListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['awaiting_confirmation', 'processing', 'correction', 'consulting', 'replied', 'lapsed', 'withdrawn'] })
  @IsOptional()
  @IsIn(['awaiting_confirmation', 'processing', 'correction', 'consulting', 'replied', 'lapsed', 'withdrawn'])
  status?: string;
}

export class DisclosureStatusQueryDto {
  @ApiProperty({ example: '龙政公开〔2026〕第0001号' }) @IsString() @IsNotEmpty() @MaxLength(60) number!: string;
  @ApiPropertyOptional({ description: 'the applicant’s ID number or credit code (one of idNumber, queryCode)' })
  @IsOptional()
  @IsString()
  @Matches(APPLICANT_ID_PATTERN)
  idNumber?: string;
  @ApiPropertyOptional({ description: '登记回执上的查询码 (one of idNumber, queryCode)', example: 'K7M3Q9TX' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  queryCode?: string;
}

export class AnnualReportQueryDto {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
}
