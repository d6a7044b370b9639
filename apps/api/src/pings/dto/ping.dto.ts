import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validators';

export class StartPingDto {
  @ApiProperty({ example: '测试流程是否畅通', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  message!: string;

  @ApiPropertyOptional({ description: 'client-chosen id; sending the same one again starts nothing new' })
  @IsOptional()
  @IsUUID()
  requestId?: string;
}

export class CompletePingDto {
  @ApiProperty({ example: '同意', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;
}

export class PingDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['waiting', 'finished'] }) status!: 'waiting' | 'finished';
  @ApiProperty() message!: string;
  @ApiProperty() orgId!: string;
  @ApiProperty() requestedBy!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) completedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() startedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) finishedAt!: string | null;
}

export class PingStartedDto {
  @ApiProperty() id!: string;
  @ApiProperty() workflowId!: string;
}
