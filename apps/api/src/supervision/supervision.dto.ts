import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOptional } from '../common/validators';

export class TimelineQueryDto {
  @ApiPropertyOptional({ description: 'the state as of this entry (its `seq`, an integer) or instant (ISO 8601)', example: '2026-11-27T10:00:00+08:00' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^(\d{1,7}|\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2}))$/)
  at?: string;
  @ApiPropertyOptional({ description: 'the state as of this entry (its seq)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  atSeq?: number;
  @ApiPropertyOptional({ description: 'the state as of this instant (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) atTime?: string;
}

export class AlarmListQueryDto {
  @ApiPropertyOptional({ enum: ['reminder', 'yellow', 'red'] }) @IsOptional() @IsIn(['reminder', 'yellow', 'red']) level?: string;
  @ApiPropertyOptional({ enum: ['open', 'investigating', 'rectifying', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'investigating', 'rectifying', 'closed'])
  status?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{8}[A-Z]{2}-[A-Z]{2}-\d{4}$/) itemCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) caseNumber?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page = 1;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize = 50;
}

/** 调查核实 (investigating) → 督促整改 (rectifying) → closed, each with its record. */
export class AlarmTransitionDto {
  @ApiProperty({ enum: ['investigating', 'rectifying', 'closed'] }) @IsIn(['investigating', 'rectifying', 'closed']) to!:
    'investigating' | 'rectifying' | 'closed';
  @ApiProperty({ description: '调查核实 / 督促整改 / 结案 记录' }) @IsString() @IsNotEmpty() @MaxLength(5000) note!: string;
}

export class UuidParamDto {
  @IsUUID() id!: string;
}
