import { GRADING_INDICATORS } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNotEmpty, IsNumber, IsObject, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOptional, ValidateNested } from '../common/validators';

// Not IsCalendarDate: the service refuses a day that does not exist with its own code (STATS_PERIOD_INVALID).
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const QUARTER = /^\d{4}Q[1-4]$/;

export class StatsQueryDto {
  @ApiProperty({ enum: ['department', 'post', 'step', 'item'] }) @IsIn(['department', 'post', 'step', 'item']) groupBy!:
    'department' | 'post' | 'step' | 'item';
  @ApiPropertyOptional({ description: 'first day (China time), YYYY-MM-DD; default: the quarter so far' }) @IsOptional() @Matches(DATE) from?: string;
  @ApiPropertyOptional({ description: 'last day, included, YYYY-MM-DD; default: today' }) @IsOptional() @Matches(DATE) to?: string;
}

export class QuarterQueryDto {
  @ApiProperty({ example: '2026Q3' }) @Matches(QUARTER) quarter!: string;
}

export class OptionalQuarterQueryDto {
  @ApiPropertyOptional({ example: '2026Q3', description: 'default: the latest published quarter' }) @IsOptional() @Matches(QUARTER) quarter?: string;
}

export class QuarterParamDto {
  @Matches(QUARTER) quarter!: string;
}

class WeightsDto {
  @ApiProperty() @IsNumber() @Min(0) @Max(100) onTimeRate!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(100) earlyRate!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(100) satisfactionRate!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(100) speedUpRate!: number;
}

class DeductionsDto {
  @ApiProperty({ description: 'points per red card' }) @IsNumber() @Min(0) @Max(100) redCard!: number;
  @ApiProperty({ description: 'points per yellow card' }) @IsNumber() @Min(0) @Max(100) yellowCard!: number;
  @ApiProperty({ description: 'at most this many points off' }) @IsNumber() @Min(0) @Max(100) max!: number;
}

class ThresholdsDto {
  @ApiProperty() @IsNumber() @Min(0) @Max(100) excellent!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(100) good!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(100) pass!: number;
}

/** 考评指标: weights (adding up to 100), card deductions, grade thresholds. */
export class GradingRulesDto {
  @ApiProperty({ type: WeightsDto, description: `weights of ${GRADING_INDICATORS.join(', ')}` })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => WeightsDto)
  weights!: WeightsDto;
  @ApiProperty({ type: DeductionsDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => DeductionsDto) deductions!: DeductionsDto;
  @ApiProperty({ type: ThresholdsDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => ThresholdsDto) thresholds!: ThresholdsDto;
  @ApiProperty({ description: 'fewer finished cases in the quarter: not graded' }) @IsInt() @Min(0) @Max(100_000) minFinished!: number;
}

export class FileExemptionDto {
  @ApiProperty({ example: '33030300AJ-XK-0001' }) @Matches(/^\d{8}[A-Z]{2}-[A-Z]{2}-\d{4}$/) itemCode!: string;
  @ApiProperty({ description: '申请豁免监察的理由' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class ExemptionListQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected', 'revoked'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected', 'revoked'])
  status?: string;
}

export class ExemptionDecisionDto {
  @ApiProperty({ enum: ['approved', 'rejected', 'revoked'] }) @IsIn(['approved', 'rejected', 'revoked']) decision!: 'approved' | 'rejected' | 'revoked';
  @ApiProperty({ description: '审核意见' }) @IsString() @IsNotEmpty() @MaxLength(2000) note!: string;
}
