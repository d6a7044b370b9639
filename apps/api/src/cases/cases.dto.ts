import { APPLICANT_ID_PATTERN, ITEM_CODE_PATTERN, STEP_ACTIONS, type StepAction } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOptional, IsYuan, ValidateNested } from '../common/validators';
import { ActionRequestId } from '../common/workflow-action';

export class CaseApplicantDto {
  @ApiProperty({ example: '温州某某贸易有限公司' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional({ description: 'the applicant’s account, when they have one', example: 'zhangsan' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  username?: string;

  @ApiPropertyOptional({ enum: ['person', 'company'], description: 'with idNumber: the shared materials library' })
  @IsOptional()
  @IsIn(['person', 'company'])
  kind?: 'person' | 'company';

  @ApiPropertyOptional({ description: '公民身份号码 or 统一社会信用代码' }) @IsOptional() @IsString() @Matches(APPLICANT_ID_PATTERN) idNumber?: string;
}

/** A case filed at a counter (clerk: intake at their own centre) or online (applicant: names the centre). */
export class FileCaseDto {
  @ApiProperty({ example: '33030300GS-XK-0001' }) @Matches(ITEM_CODE_PATTERN) itemCode!: string;
  @ApiProperty({ description: 'client-chosen id; the same one again files nothing new' }) @IsUUID() requestId!: string;
  @ApiPropertyOptional({ type: CaseApplicantDto, description: 'clerk: who applies' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseApplicantDto)
  applicant?: CaseApplicantDto;
  @ApiPropertyOptional({ example: '33030301BM', description: 'applicant: the centre to apply at' })
  @IsOptional()
  @Matches(/^\d{8}[A-Z]{2}$/)
  intakeOrgCode?: string;
  @ApiProperty({ type: [String], description: 'materials handed in, named as in the item’s list' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  materials!: string[];
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      'clerk: library materials the applicant uploaded online that the clerk checked against the originals (from `awaitingConfirmation` or the intake library); only these of theirs are reused',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  confirmedMaterials?: string[];
}

export const CASE_COMMANDS = ['act', 'resubmit', 'withdraw'] as const;

export class CaseActionDto {
  @ApiProperty({ enum: CASE_COMMANDS }) @IsIn(CASE_COMMANDS) type!: (typeof CASE_COMMANDS)[number];
  @ActionRequestId() requestId?: string;
  @ApiPropertyOptional({ description: 'the current step (act)', example: 'intake#1' }) @IsOptional() @IsString() @MaxLength(100) token?: string;
  @ApiPropertyOptional({ enum: STEP_ACTIONS }) @IsOptional() @IsIn(STEP_ACTIONS) action?: StepAction;
  @ApiPropertyOptional({ description: '审核意见 / 理由' }) @IsOptional() @IsString() @MaxLength(5000) opinion?: string;
  @ApiPropertyOptional({ enum: ['approved', 'denied'] }) @IsOptional() @IsIn(['approved', 'denied']) decision?: 'approved' | 'denied';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) documentTitle?: string;
  @ApiPropertyOptional({ type: [String], description: '一次性告知补正: what is missing' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  correctionItems?: string[];
  @ApiPropertyOptional({ description: 'withdraw: reason' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional({ description: 'decide / deliver: the fee charged, in yuan (checked against the item’s 收费标准; a breach is a red card)', example: 0 })
  @IsOptional()
  @IsYuan()
  @Min(0)
  @Max(1_000_000_000)
  feeYuan?: number;
}

export class CaseIdParamDto {
  @IsUUID() id!: string;
}
