import { ALARM_RULE_LIMITS } from '#domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

/** A new version of the alarm rules (红黄牌规则), from the version the supervisor saw. */
export class PutAlarmRulesDto {
  @ApiProperty({ description: 'the version the change is based on (the current one); another version answers 409' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  expectedVersion!: number;

  @ApiProperty({
    description: '提醒: working days before a step’s or the promised deadline (0: none)',
    minimum: 0,
    maximum: ALARM_RULE_LIMITS.reminderDays.max,
    example: 1,
  })
  @IsInt()
  @Min(ALARM_RULE_LIMITS.reminderDays.min)
  @Max(ALARM_RULE_LIMITS.reminderDays.max)
  reminderDays!: number;

  @ApiProperty({
    description: '黄牌 临近承诺期限: working days before the promised deadline’s day (0: that day)',
    minimum: 0,
    maximum: ALARM_RULE_LIMITS.nearPromisedDays.max,
    example: 0,
  })
  @IsInt()
  @Min(ALARM_RULE_LIMITS.nearPromisedDays.min)
  @Max(ALARM_RULE_LIMITS.nearPromisedDays.max)
  nearPromisedDays!: number;

  @ApiProperty({ description: '变更说明' }) @IsString() @IsNotEmpty() @MaxLength(2000) note!: string;
}
