import { DomainError, ErrorCode, type ErrorDetail } from '#domain';
import { ValidationPipe, type ValidationError } from '@nestjs/common';

/** class-validator's nested errors as `{ field, rule }` details, fields as dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.keys(error.constraints ?? {}).map((rule) => ({
      field,
      // class-validator names an unknown property's rule "whitelistValidation"
      rule: rule === 'whitelistValidation' ? 'unknown' : rule,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** whitelist + forbidNonWhitelisted: an unknown field is an error, not silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', flattenValidationErrors(errors)),
  });
}
