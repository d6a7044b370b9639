import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICANT_ID_PATTERN, ITEM_CODE_PATTERN } from '#domain';
import { IsIn, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate, IsOptional } from '../common/validators';

export class ApplicantIdentityDto {
  @ApiProperty({ enum: ['person', 'company'], description: 'person: 公民身份号码; company: 统一社会信用代码' })
  @IsIn(['person', 'company'])
  kind!: 'person' | 'company';

  @ApiProperty({ example: '91330303143690002G' }) @IsString() @Matches(APPLICANT_ID_PATTERN) idNumber!: string;
}

/** clerk: the library of the applicant at the counter, for the item being filed. */
export class IntakeLibraryQueryDto {
  @ApiProperty({ example: '33030300AJ-XK-0001', description: 'the item being filed: only the materials it lists are shown' })
  @Matches(ITEM_CODE_PATTERN)
  itemCode!: string;
}

/**
 * A material for the shared library. A clerk names the applicant in front of them (kind, idNumber,
 * applicantName); an applicant uploads into their own account's library and names nobody (a different
 * identity is refused).
 */
export class UploadMaterialDto {
  @ApiPropertyOptional({ enum: ['person', 'company'], description: 'clerk: required; applicant: their own or omitted' })
  @IsOptional()
  @IsIn(['person', 'company'])
  kind?: 'person' | 'company';

  @ApiPropertyOptional({ example: '91330303143690002G', description: 'clerk: required; applicant: their own or omitted' })
  @IsOptional()
  @IsString()
  @Matches(APPLICANT_ID_PATTERN)
  idNumber?: string;

  @ApiPropertyOptional({ example: '温州某某贸易有限公司', description: 'clerk: required' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  applicantName?: string;
  @ApiProperty({ example: '营业执照复印件', description: 'as the items’ material lists name it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  materialName!: string;
  @ApiPropertyOptional({ example: '2027-12-31' }) @IsOptional() @IsCalendarDate() validUntil?: string;
  @ApiProperty({ type: 'string', format: 'binary' }) @IsOptional() file?: unknown;
}

export class MaterialIdParamDto {
  @IsUUID() materialId!: string;
}

export class CaseMaterialParamDto {
  @IsUUID() id!: string;
  @IsUUID() materialId!: string;
}
