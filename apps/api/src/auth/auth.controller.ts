import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RateLimit } from '../common/rate-limit/rate-limits';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, SignedIn } from '../common/auth/access.decorators';
import { AuthService } from './auth.service';
import { TokenRequestDto, TokenResponseDto } from './dto/token.dto';
import { RegisterApplicantDto } from './dto/register.dto';
import { RegistrationService } from './registration.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly registration: RegistrationService,
  ) {}

  /**
   * Public: exchanges a username and password for an access token. Limited per username whatever the
   * address, and per address whatever the username (429 RATE_LIMITED).
   */
  @Public()
  @Post('token')
  @HttpCode(200)
  @RateLimit('signInUsername', 'signInAddress')
  @ApiOkResponse({ type: TokenResponseDto })
  token(@Body() body: TokenRequestDto): Promise<TokenResponseDto> {
    return this.auth.issueToken(body);
  }

  /**
   * Public: an applicant (群众、企业) opens an account with a checked ID number or USCC; answers with a token.
   * 201; 409 AUTH_USERNAME_TAKEN, 422 APPLICANT_ID_INVALID; other roles' accounts are made by the admin only.
   * Limited per address, whatever the usernames tried (429 RATE_LIMITED).
   */
  @Public()
  @Post('register')
  @RateLimit('register')
  @ApiCreatedResponse({ type: TokenResponseDto })
  register(@Body() body: RegisterApplicantDto): Promise<TokenResponseDto> {
    return this.registration.register(body);
  }

  /** Any signed-in user: who the token says they are. */
  @SignedIn()
  @Get('me')
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}
