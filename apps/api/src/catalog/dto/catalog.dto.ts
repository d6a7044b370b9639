import { ITEM_TYPE_CODES, type ItemTypeCode, type RegionLevel } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsNumber, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { IsOptional, ValidateNested } from '../../common/validators';
import { PageQueryDto } from '../../common/page-query.dto';
import { ItemDraftDto } from './item-draft.dto';

export class ItemListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ITEM_TYPE_CODES }) @IsOptional() @IsIn(ITEM_TYPE_CODES) type?: ItemTypeCode;
  @ApiPropertyOptional({ description: '办理主体编码 (10 位)', example: '33030300AJ' })
  @IsOptional()
  @Matches(/^\d{8}[A-Z]{2}$/)
  subject?: string;
  @ApiPropertyOptional({ description: '部门代码', example: 'AJ' }) @IsOptional() @Matches(/^[A-Z]{2}$/) department?: string;
  @ApiPropertyOptional({ enum: ['city', 'county', 'township'] }) @IsOptional() @IsIn(['city', 'county', 'township']) level?: RegionLevel;
  @ApiPropertyOptional({ description: '事项名称和行使依据中的文字' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: ['active', 'cancelled', 'retired'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'cancelled', 'retired'])
  status?: 'active' | 'cancelled' | 'retired';
  @ApiPropertyOptional({ enum: ['code', 'name', 'relevance'] }) @IsOptional() @IsIn(['code', 'name', 'relevance']) sort?: 'code' | 'name' | 'relevance';
}

export const CHANGE_KINDS = ['create', 'update', 'delegate', 'split', 'cancel'] as const;
export type FiledChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * A catalog change (新增 create, 变更 update, 下放 delegate, 拆分 split, 取消 cancel). `itemCode` names
 * the item for all but create; `item` is the new content (create, update; delegate may override the
 * copied content); `items` are the parts of a split; `targetSubjectCode` is the lower-level department
 * a delegated item goes to.
 */
export class FileChangeDto {
  @ApiProperty({ enum: CHANGE_KINDS }) @IsIn(CHANGE_KINDS) kind!: FiledChangeKind;
  @ApiProperty({ description: '变更理由' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiPropertyOptional({ example: '33030300AJ-CF-0003' }) @IsOptional() @IsString() @MaxLength(30) itemCode?: string;
  @ApiPropertyOptional({ type: ItemDraftDto }) @IsOptional() @ValidateNested() @Type(() => ItemDraftDto) item?: ItemDraftDto;
  @ApiPropertyOptional({ type: [ItemDraftDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ItemDraftDto)
  items?: ItemDraftDto[];
  @ApiPropertyOptional({ example: '33030301BM' }) @IsOptional() @Matches(/^\d{8}[A-Z]{2}$/) targetSubjectCode?: string;
}

export class ImportRowDto {
  @ApiPropertyOptional({ description: 'an existing code of the department, kept; omitted: allocated' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  code?: string;
  @ApiProperty({ type: ItemDraftDto }) @ValidateNested() @Type(() => ItemDraftDto) item!: ItemDraftDto;
}

export class ImportCatalogDto {
  @ApiProperty({ description: '变更理由' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiProperty({ type: [ImportRowDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => ImportRowDto)
  rows!: ImportRowDto[];
}

export class ImportWorkbookDto {
  @ApiProperty({ description: '变更理由' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiProperty({ type: 'string', format: 'binary', description: '.xlsx in the 附件1 layout' }) @IsOptional() file?: unknown;
}

export class ReviewChangeDto {
  @ApiProperty({ enum: ['approve', 'return'] }) @IsIn(['approve', 'return']) decision!: 'approve' | 'return';
  @ApiProperty({ description: '审核意见；退回时必填' }) @IsString() @MaxLength(2000) note!: string;
}

export class ChangeListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'returned'] }) @IsOptional() @IsIn(['pending', 'approved', 'returned']) status?:
    'pending' | 'approved' | 'returned';
}

export class ChangeIdParamDto {
  @IsUUID() id!: string;
}

export class DiscretionRequestDto {
  @ApiProperty({ description: '初次违法' }) @IsBoolean() firstOffence!: boolean;
  @ApiProperty({ enum: ['none', 'minor', 'general', 'serious'], description: '危害后果' })
  @IsIn(['none', 'minor', 'general', 'serious'])
  harm!: 'none' | 'minor' | 'general' | 'serious';
  @ApiProperty({ description: '及时改正' }) @IsBoolean() correctedInTime!: boolean;
  @ApiPropertyOptional({ description: '违法所得或货值金额（元）' }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) amount?: number;
}

export class OrgListQueryDto {
  @ApiPropertyOptional({ enum: ['city', 'county', 'township', 'community', 'department'] })
  @IsOptional()
  @IsIn(['city', 'county', 'township', 'community', 'department'])
  level?: 'city' | 'county' | 'township' | 'community' | 'department';
  @ApiPropertyOptional({ description: 'parent org code' }) @IsOptional() @Matches(/^[0-9A-Z]{6,12}$/) parent?: string;
}

export class ExportQueryDto {
  @ApiProperty({ description: '办理主体编码 (10 位)', example: '33030300AJ' }) @Matches(/^\d{8}[A-Z]{2}$/) subject!: string;
  @ApiPropertyOptional({ enum: ['json', 'xlsx'], default: 'json' }) @IsOptional() @IsIn(['json', 'xlsx']) format: 'json' | 'xlsx' = 'json';
}
