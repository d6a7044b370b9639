import { APPLICANT_ID_PATTERN, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_PATTERN } from '#domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';

/** An applicant's own account (群众、企业 注册): the hall's online application needs one. */
export class RegisterApplicantDto {
  @ApiProperty({ example: 'lisi2026', description: '4–32 letters, digits or _' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_]{3,31}$/)
  username!: string;

  @ApiProperty({ example: 'Lisi@2026', description: '8–64 characters with a letter and a digit' })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  @Matches(PASSWORD_PATTERN)
  password!: string;

  @ApiProperty({ example: '李四', description: "a person's name or the company's registered name" })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: ['person', 'company'] })
  @IsIn(['person', 'company'])
  kind!: 'person' | 'company';

  @ApiProperty({ example: '330303198805162313', description: '居民身份证号码 (GB 11643) or 统一社会信用代码 (GB 32100)' })
  @IsString()
  @Matches(APPLICANT_ID_PATTERN)
  idNumber!: string;
}
