import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, SignedIn } from '../common/auth/access.decorators';
import { AuthService } from './auth.service';
import { TokenRequestDto, TokenResponseDto } from './dto/token.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Public: exchanges a username and password for an access token. */
  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponseDto })
  token(@Body() body: TokenRequestDto): Promise<TokenResponseDto> {
    return this.auth.issueToken(body);
  }

  /** Any signed-in user: who the token says they are. */
  @SignedIn()
  @Get('me')
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}
