import { DomainError, ErrorCode, type ErrorDetail } from '#domain';
import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';

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

/**
 * Characters a PostgreSQL text (or jsonb) value cannot hold: U+0000, which PostgreSQL refuses
 * (22021, 22P05), and a lone UTF-16 surrogate, which has no UTF-8 form (node-postgres would store
 * U+FFFD in its place). In `u` mode a well-formed surrogate pair is one code point, so \p{Cs}
 * matches only a lone half.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const UNSTORABLE = /\u0000|\p{Cs}/u;

/** Every string of a request value (keys included) that PostgreSQL could not store, as details. */
export function unstorableText(value: unknown, path = '', found: ErrorDetail[] = [], depth = 0): ErrorDetail[] {
  if (found.length >= 20 || depth > 64) return found;
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) found.push({ field: path, rule: 'storableText' });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unstorableText(item, path ? `${path}.${index}` : String(index), found, depth + 1));
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (UNSTORABLE.test(key)) found.push({ field, rule: 'storableText' });
      unstorableText(item, field, found, depth + 1);
    }
  }
  return found;
}

/**
 * whitelist + forbidNonWhitelisted: an unknown field is an error, not silently dropped. Before the
 * DTO rules, one rule for every string of every body, query and path parameter (DTO or not): it must
 * be text PostgreSQL can store, so that no such request reaches a service, a workflow or the database.
 */
class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const prefix = metadata.data ?? '';
      const unstorable = unstorableText(value, prefix);
      if (unstorable.length > 0) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数含有无法保存的字符', unstorable);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe();
}
