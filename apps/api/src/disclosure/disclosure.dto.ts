import { DOCUMENT_CATEGORIES, DOCUMENT_STATUSES, type DocumentCategory, type DocumentStatus, KEY_AREA_SLUGS, type KeyArea } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsOptional, ValidateNested } from '../common/validators';
import { PageQueryDto } from '../common/page-query.dto';

/** A policy document as its department or the disclosure office writes it (a draft). */
export class DocumentDraftDto {
  @ApiPropertyOptional({ description: '文号，如 温政办〔2013〕106号；[2013]、(2013) 等写法会规范为〔2013〕', example: '龙政办〔2026〕12号' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  docNumber?: string;

  @ApiProperty({ example: '龙湾区人民政府办公室关于加强保障性住房建设管理的通知' }) @IsString() @IsNotEmpty() @MaxLength(300) title!: string;

  @ApiProperty({ description: '发文机关的组织代码（10 位主体编码），如 33030300ZF', example: '33030300ZF' }) @IsString() @MaxLength(16) issuerCode!: string;

  @ApiProperty({ enum: DOCUMENT_CATEGORIES }) @IsIn(DOCUMENT_CATEGORIES) category!: DocumentCategory;

  @ApiPropertyOptional({ enum: KEY_AREA_SLUGS, description: '重点领域' }) @IsOptional() @IsIn(KEY_AREA_SLUGS) keyArea?: KeyArea;

  @ApiPropertyOptional({ description: '成文日期', example: '2026-11-20' }) @IsOptional() @IsCalendarDate() writtenDate?: string;

  @ApiPropertyOptional({ description: '施行日期', example: '2027-01-01' }) @IsOptional() @IsCalendarDate() effectiveDate?: string;

  // 80,000 characters: even sent as JSON escapes (12 bytes for a character outside the BMP) it fits the 1 MiB body limit.
  @ApiProperty({ description: '正文' }) @IsString() @IsNotEmpty() @MaxLength(80_000) body!: string;
}

export class DocumentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '全文检索：按分词匹配标题、文号和正文，按相关度排序并返回高亮摘要' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ enum: KEY_AREA_SLUGS }) @IsOptional() @IsIn(KEY_AREA_SLUGS) area?: KeyArea;
  @ApiPropertyOptional({ enum: DOCUMENT_CATEGORIES }) @IsOptional() @IsIn(DOCUMENT_CATEGORIES) category?: DocumentCategory;
  @ApiPropertyOptional({ description: '发文机关组织代码' }) @IsOptional() @IsString() @MaxLength(16) issuer?: string;
  @ApiPropertyOptional({ description: '文号年份（无文号时为发布年份）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1949) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: DOCUMENT_STATUSES, description: 'draft 即征求意见稿' }) @IsOptional() @IsIn(DOCUMENT_STATUSES) status?: DocumentStatus;
}

export class IdParamDto {
  @IsUUID() id!: string;
}

export class AttachmentParamDto {
  @IsUUID() id!: string;
  @IsUUID() attachmentId!: string;
}

export class AreaParamDto {
  @ApiProperty({ description: '重点领域（英文标识或中文名称）', example: 'housing' }) @IsString() @MaxLength(20) area!: string;
}

export class RepealDto {
  @ApiProperty({ example: '已被龙政办〔2026〕30号替代' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class CommentPeriodDto {
  @ApiProperty({ example: '2026-12-01T00:00:00+08:00' }) @IsISO8601({ strict: true }) opensAt!: string;
  @ApiProperty({ example: '2026-12-31T00:00:00+08:00' }) @IsISO8601({ strict: true }) closesAt!: string;
}

/** 征求意见 or 反馈 from anyone; the contact is for the office only. */
export class CommentDto {
  @ApiPropertyOptional({ description: '公开署名，默认“匿名”', example: '永中街道居民' }) @IsOptional() @IsString() @MaxLength(100) authorName?: string;
  @ApiPropertyOptional({ description: '联系方式（不公开）' }) @IsOptional() @IsString() @MaxLength(100) contact?: string;
  @ApiProperty({ example: '建议明确轮候家庭的复核时限。' }) @IsString() @IsNotEmpty() @MaxLength(5000) content!: string;
}

export class ModerationDto {
  @ApiProperty({ enum: ['approved', 'rejected'] }) @IsIn(['approved', 'rejected']) decision!: 'approved' | 'rejected';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class AdoptionDto {
  @ApiProperty() @IsUUID() commentId!: string;
  @ApiProperty() @IsBoolean() adopted!: boolean;
  @ApiProperty({ description: '采纳或不予采纳的理由' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class CommentSummaryDto {
  @ApiProperty({ description: '意见采纳情况说明' }) @IsString() @IsNotEmpty() @MaxLength(20_000) summary!: string;
  @ApiProperty({ type: [AdoptionDto], description: '每条已公开意见的采纳情况，须全部列出' })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AdoptionDto)
  decisions!: AdoptionDto[];
}

export class InterpretationDto {
  @ApiProperty({ example: '《关于加强保障性住房建设管理的通知》政策解读' }) @IsString() @IsNotEmpty() @MaxLength(300) title!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(80_000) body!: string;
  @ApiPropertyOptional({ description: '文件尚未发布时，随文件同时发布（默认 true）；文件已发布时立即发布', default: true })
  @IsOptional()
  @IsBoolean()
  withDocument?: boolean;
}
