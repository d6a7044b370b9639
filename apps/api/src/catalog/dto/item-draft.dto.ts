// Field-level validation of an item as a department writes it (附件1). Cross-field rules
// (details matching the type, promised ≤ legal, the discretion benchmark) are libs/domain's
// validateItemDraft, applied by the service.
import {
  type DiscretionLevel,
  type Harm,
  ITEM_TYPE_CODES,
  type ItemDraft,
  type ItemTypeCode,
  PENALTY_KINDS,
  type PenaltyKind,
  SUBJECT_NATURES,
  type SubjectNature,
} from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsNullable, IsOptional, ValidateNested } from '../../common/validators';

const PHONE = /^[0-9()+\-\s转]{3,50}$/;

export class LegalBasisDto {
  @ApiProperty({ example: '《中华人民共和国行政许可法》' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  document!: string;

  @ApiPropertyOptional({ example: '第十二条' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  article?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  text?: string;
}

export class MaterialDto {
  @ApiProperty({ example: '公司章程' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional({ example: '原件1份' }) @IsOptional() @IsString() @MaxLength(100) copies?: string;
  @ApiProperty() @IsBoolean() required!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class FeeItemDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: '每证10元' }) @IsString() @IsNotEmpty() @MaxLength(200) standard!: string;
  @ApiProperty({ example: '浙价费〔2012〕100号' }) @IsString() @IsNotEmpty() @MaxLength(300) basis!: string;
}

export class FeeDto {
  @ApiProperty({ description: 'true: 不收费' }) @IsBoolean() free!: boolean;
  @ApiProperty({ type: [FeeItemDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => FeeItemDto) items!: FeeItemDto[];
}

export class FormDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) url!: string;
}

export class ApprovalDetailsDto {
  @ApiProperty({ description: '受理条件' }) @IsString() @IsNotEmpty() @MaxLength(10000) conditions!: string;
  @ApiProperty({ type: [MaterialDto], description: '申报资料' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials!: MaterialDto[];
  @ApiProperty({ description: '法定期限（工作日）' }) @IsInt() @Min(1) @Max(365) legalPeriodDays!: number;
  @ApiProperty({ description: '承诺期限（工作日），不超过法定期限' }) @IsInt() @Min(1) @Max(365) promisedPeriodDays!: number;
  @ApiProperty({ type: FeeDto }) @ValidateNested() @Type(() => FeeDto) fee!: FeeDto;
  @ApiProperty({ type: [FormDto], description: '服务表格' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FormDto)
  forms!: FormDto[];
}

export class AmountRangeDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) min?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) max?: number;
}

export class DiscretionConditionDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() firstOffence?: boolean;
  @ApiPropertyOptional({ enum: ['none', 'minor', 'general', 'serious'], isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(['none', 'minor', 'general', 'serious'], { each: true })
  harm?: Harm[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() correctedInTime?: boolean;
  @ApiPropertyOptional({ type: AmountRangeDto }) @IsOptional() @ValidateNested() @Type(() => AmountRangeDto) amount?: AmountRangeDto;
}

export class FineRuleDto {
  @ApiProperty({ enum: ['fixed', 'multiple'] }) @IsIn(['fixed', 'multiple']) kind!: 'fixed' | 'multiple';
  @ApiPropertyOptional({ description: 'fixed: yuan' }) @IsOptional() @IsNumber() @Min(0) min?: number;
  @ApiPropertyOptional({ description: 'fixed: yuan' }) @IsOptional() @IsNumber() @Min(0) max?: number;
  @ApiPropertyOptional({ enum: ['illegalIncome', 'goodsValue'] }) @IsOptional() @IsIn(['illegalIncome', 'goodsValue']) basis?: 'illegalIncome' | 'goodsValue';
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) minTimes?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) maxTimes?: number;
}

export class DiscretionRuleDto {
  @ApiProperty({ example: 'R1' }) @IsString() @IsNotEmpty() @MaxLength(20) id!: string;
  @ApiProperty({ enum: ['不予处罚', '减轻处罚', '从轻处罚', '一般处罚', '从重处罚'] })
  @IsIn(['不予处罚', '减轻处罚', '从轻处罚', '一般处罚', '从重处罚'])
  level!: DiscretionLevel;
  @ApiProperty({ description: '情形' }) @IsString() @IsNotEmpty() @MaxLength(500) circumstance!: string;
  @ApiProperty({ type: DiscretionConditionDto }) @ValidateNested() @Type(() => DiscretionConditionDto) when!: DiscretionConditionDto;
  @ApiProperty({ enum: PENALTY_KINDS, isArray: true }) @IsArray() @IsIn(PENALTY_KINDS, { each: true }) kinds!: PenaltyKind[];
  @ApiPropertyOptional({ type: FineRuleDto }) @IsOptional() @ValidateNested() @Type(() => FineRuleDto) fine?: FineRuleDto;
}

export class DiscretionBenchmarkDto {
  @ApiProperty({ type: [DiscretionRuleDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DiscretionRuleDto)
  rules!: DiscretionRuleDto[];
}

export class PenaltyDetailsDto {
  @ApiProperty({ enum: PENALTY_KINDS, isArray: true, description: '处罚种类' })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(PENALTY_KINDS, { each: true })
  penaltyKinds!: PenaltyKind[];
  @ApiProperty({ type: DiscretionBenchmarkDto, description: '自由裁量基准' })
  @ValidateNested()
  @Type(() => DiscretionBenchmarkDto)
  discretion!: DiscretionBenchmarkDto;
  @ApiProperty({ description: '处罚结果有无公开' }) @IsBoolean() resultsPublic!: boolean;
}

export class CoercionDetailsDto {
  @ApiProperty({ enum: ['measure', 'execution'], description: '行政强制措施 / 行政强制执行' })
  @IsIn(['measure', 'execution'])
  coercionKind!: 'measure' | 'execution';
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @IsString({ each: true }) @MaxLength(200, { each: true }) measures!: string[];
}

export class RewardDetailsDto {
  @ApiProperty({ example: '2013-07-01', description: '生效时间' }) @IsDateString({ strict: true }) effectiveDate!: string;
  @ApiPropertyOptional({ nullable: true, description: '失效时间' }) @IsNullable() @IsDateString({ strict: true }) expiryDate?: string | null;
  @ApiProperty({ description: '承诺时限（工作日）' }) @IsInt() @Min(1) @Max(365) promisedPeriodDays!: number;
  @ApiProperty({ description: '奖励结果有无公开' }) @IsBoolean() resultsPublic!: boolean;
}

export class ItemDraftDto {
  @ApiProperty({ enum: ITEM_TYPE_CODES, description: '事项类型代码 (附件2)' }) @IsIn(ITEM_TYPE_CODES) typeCode!: ItemTypeCode;
  @ApiProperty({ example: '企业设立登记' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ type: [LegalBasisDto], description: '行使依据，从高到低依次列举' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => LegalBasisDto)
  legalBasis!: LegalBasisDto[];
  @ApiProperty({ enum: SUBJECT_NATURES, description: '法定机关/授权组织/受委托组织' }) @IsIn(SUBJECT_NATURES) subjectNature!: SubjectNature;
  @ApiPropertyOptional({ nullable: true, description: '委托组织的名称和性质' }) @IsNullable() @IsString() @MaxLength(200) entrustingBody?: string | null;
  @ApiProperty({ description: '办理部门（科室）' }) @IsString() @IsNotEmpty() @MaxLength(200) handlingUnit!: string;
  @ApiProperty({ description: '办理地点' }) @IsString() @IsNotEmpty() @MaxLength(300) place!: string;
  @ApiProperty({ example: '0577-86969012' }) @Matches(PHONE) phone!: string;
  @ApiProperty({ example: '0577-86966110' }) @Matches(PHONE) supervisionPhone!: string;
  @ApiPropertyOptional({ nullable: true, description: 'GB/T 39554.1 基本编码' }) @IsNullable() @Matches(/^[0-9A-Za-z-]{1,64}$/) basicCode?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'GB/T 39554.1 实施编码' }) @IsNullable() @Matches(/^[0-9A-Za-z-]{1,64}$/) implementationCode?:
    string | null;
  @ApiPropertyOptional({ nullable: true, description: 'GB/T 39554.1 业务办理项编码' }) @IsNullable() @Matches(/^[0-9A-Za-z-]{1,64}$/) handlingItemCode?:
    string | null;
  @ApiPropertyOptional({ type: ApprovalDetailsDto }) @IsNullable() @ValidateNested() @Type(() => ApprovalDetailsDto) approval?: ApprovalDetailsDto | null;
  @ApiPropertyOptional({ type: PenaltyDetailsDto }) @IsNullable() @ValidateNested() @Type(() => PenaltyDetailsDto) penalty?: PenaltyDetailsDto | null;
  @ApiPropertyOptional({ type: CoercionDetailsDto }) @IsNullable() @ValidateNested() @Type(() => CoercionDetailsDto) coercion?: CoercionDetailsDto | null;
  @ApiPropertyOptional({ type: RewardDetailsDto }) @IsNullable() @ValidateNested() @Type(() => RewardDetailsDto) reward?: RewardDetailsDto | null;
}

/**
 * The DTO as the domain's draft. The one difference is the fine rule, a discriminated union in the
 * domain and a flat class here; validateItemDraft checks each kind has its fields, and every caller
 * runs it before the draft is used.
 */
export function asDraft(dto: ItemDraftDto): ItemDraft {
  return dto as unknown as ItemDraft;
}
