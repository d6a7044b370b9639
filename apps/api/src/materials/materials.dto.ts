import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, IsOptional } from '../common/validators';

export class ApplicantIdentityDto {
  @ApiProperty({ enum: ['person', 'company'], description: 'person: 公民身份号码; company: 统一社会信用代码' })
  @IsIn(['person', 'company'])
  kind!: 'person' | 'company';

  @ApiProperty({ example: '91330303MA2L0X0X0X' }) @IsString() @MaxLength(18) idNumber!: string;
}

export class UploadMaterialDto extends ApplicantIdentityDto {
  @ApiProperty({ example: '温州某某贸易有限公司' }) @IsString() @IsNotEmpty() @MaxLength(200) applicantName!: string;
  @ApiProperty({ example: '营业执照复印件', description: 'as the items’ material lists name it' }) @IsString() @IsNotEmpty() @MaxLength(200) materialName!: string;
  @ApiPropertyOptional({ example: '2027-12-31' }) @IsOptional() @IsCalendarDate() validUntil?: string;
  @ApiProperty({ type: 'string', format: 'binary' }) @IsOptional() file?: unknown;
}
