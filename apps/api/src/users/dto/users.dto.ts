import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_PATTERN, STAFF_POSTS, STAFF_ROLES, type StaffPost, type StaffRole } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validators';
import { PageQueryDto } from '../../common/page-query.dto';

const ROLES = [...STAFF_ROLES, 'applicant'];

export class UserListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: string;
  @ApiPropertyOptional({ example: '33030301BM', description: "the organisation's code" }) @IsOptional() @Matches(/^[0-9A-Z]{6,16}$/) orgCode?: string;
  @ApiPropertyOptional({ description: 'part of the username or the display name' }) @IsOptional() @IsString() @Length(1, 50) q?: string;
}

export class UserIdParamDto {
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i) id!: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'yz_clerk2', description: '4–32 letters, digits or _, starting with a letter' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_]{3,31}$/)
  username!: string;

  @ApiProperty({ example: '永中街道便民服务中心窗口 陈晨' })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, 100)
  displayName!: string;

  @ApiProperty({ enum: STAFF_ROLES, description: 'applicants register themselves' })
  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  @ApiProperty({ example: '33030301BM', description: "the organisation's code; it must fit the role" })
  @IsString()
  @Matches(/^[0-9A-Z]{6,16}$/)
  orgCode!: string;

  @ApiProperty({ enum: STAFF_POSTS, isArray: true, example: ['受理岗', '送达岗'], description: '岗位: a clerk 受理岗/送达岗, a handler any; other roles none' })
  @IsArray()
  @ArrayMaxSize(STAFF_POSTS.length + 1)
  @IsIn(STAFF_POSTS, { each: true })
  posts!: StaffPost[];

  @ApiProperty({ example: 'Chen@2026', description: '8–64 characters with a letter and a digit' })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  @Matches(PASSWORD_PATTERN)
  password!: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ enum: STAFF_POSTS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STAFF_POSTS.length + 1)
  @IsIn(STAFF_POSTS, { each: true })
  posts?: StaffPost[];

  @ApiPropertyOptional({ description: 'false: the account can no longer sign in, and its tokens stop working; its history stays' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'why (kept in the log of changes)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class ResetPasswordDto {
  @ApiProperty({ example: 'Reset@2026', description: '8–64 characters with a letter and a digit' })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  @Matches(PASSWORD_PATTERN)
  password!: string;
}
