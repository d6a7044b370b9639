import { APPLICANT_ID_PATTERN } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsOptional } from '../common/validators';

export class AskDto {
  @ApiProperty({ example: '个体工商户可以委托他人代办吗？' }) @IsString() @IsNotEmpty() @MaxLength(2000) question!: string;
}

export class AnswerDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) answer!: string;
}

/** GB/T 39734 的五级评价: 1 非常满意 … 5 非常不满意. */
export const RATING_LEVELS = { 非常满意: 1, 满意: 2, 基本满意: 3, 不满意: 4, 非常不满意: 5 } as const;

export class RateDto {
  @ApiProperty({ enum: Object.keys(RATING_LEVELS) }) @IsIn(Object.keys(RATING_LEVELS)) level!: keyof typeof RATING_LEVELS;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class IdParamDto {
  @IsUUID() id!: string;
}

export class CodeParamDto {
  @IsString() @MaxLength(30) code!: string;
}

/** A case number and one proof of being its applicant: the ID number (or credit code) or the name. */
/** 办件结果查询: the case number and a proof only the applicant holds, never a name (names are public). */
export class ResultQueryDto {
  @ApiProperty({ example: '20261127-33030300ZX-0001' }) @IsString() @MaxLength(40) caseNumber!: string;
  @ApiPropertyOptional({ description: '申请人身份证号码或统一社会信用代码 (one of applicantId, queryCode)' })
  @IsOptional()
  @IsString()
  @Matches(APPLICANT_ID_PATTERN)
  applicantId?: string;
  @ApiPropertyOptional({ description: '受理回执上的查询码 (one of applicantId, queryCode)', example: 'K7M3Q9TX' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  queryCode?: string;
}
