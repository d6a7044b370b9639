import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { REGISTER_LIMIT, SIGN_IN_LIMIT, SignInThrottlerGuard } from './sign-in-throttler.guard';
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

  /** Public: exchanges a username and password for an access token. */
  @Public()
  @Post('token')
  @HttpCode(200)
  @UseGuards(SignInThrottlerGuard)
  @Throttle({ default: SIGN_IN_LIMIT })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED' })
  @ApiOkResponse({ type: TokenResponseDto })
  token(@Body() body: TokenRequestDto): Promise<TokenResponseDto> {
    return this.auth.issueToken(body);
  }

  /**
   * Public: an applicant (群众、企业) opens an account with a checked ID number or USCC; answers with a token.
   * 409 AUTH_USERNAME_TAKEN, 400 APPLICANT_ID_INVALID; other roles' accounts are made by the admin only.
   */
  @Public()
  @Post('register')
  @UseGuards(SignInThrottlerGuard)
  @Throttle({ default: REGISTER_LIMIT })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED' })
  @ApiOkResponse({ type: TokenResponseDto })
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
