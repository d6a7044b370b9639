import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, ValidateNested } from '../common/validators';

export class CalendarDayDto {
  @ApiProperty({ example: '2027-02-08' }) @IsCalendarDate() date!: string;
  @ApiProperty({ example: '春节' }) @IsString() @MaxLength(50) name!: string;
}

export class CalendarYearDto {
  @ApiProperty({ type: [CalendarDayDto], description: '周一至周五的法定节假日' })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  holidays!: CalendarDayDto[];

  @ApiProperty({ type: [CalendarDayDto], description: '周六、周日的调休上班日' })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  workdays!: CalendarDayDto[];
}

export class YearParamDto {
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
}

export class DeadlineQueryDto {
  @ApiProperty({ example: '2026-09-30', description: '受理日期' }) @IsCalendarDate() from!: string;
  @ApiProperty({ example: 20, description: '工作日数' }) @Type(() => Number) @IsInt() @Min(1) @Max(365) days!: number;
}
