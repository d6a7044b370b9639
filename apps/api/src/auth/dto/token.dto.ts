import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class TokenRequestDto {
  @ApiProperty({ example: 'yz_clerk' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ example: 'Demo@2026' })
  @IsString()
  @Length(1, 200)
  password!: string;
}

export class MeDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() role!: string;
  @ApiProperty() orgId!: string;
  @ApiProperty() orgName!: string;
  @ApiProperty({ example: '33030300GS', description: 'the organisation code (a department: its subject code)' }) orgCode!: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'HS256 JWT for the Authorization: Bearer header' })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'seconds until the token expires' })
  expiresIn!: number;

  @ApiProperty()
  user!: MeDto;
}
