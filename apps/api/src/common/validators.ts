// The project's own forms of three class-validator decorators whose stock behaviour lets bad input
// through to the services. DTOs import these names from here, not from class-validator (a test in
// validators.spec.ts fails on any DTO property that still uses the stock ones):
// - class-validator's IsOptional skips every rule for null as well as for undefined, so `contact: null`
//   reached services that expect a string or nothing;
// - its ValidateNested accepts an array (or a primitive inside one) where an object is expected, so
//   `penalty.discretion: []` reached a service reading `.rules` of it;
// - `/^\d{4}-\d{2}-\d{2}$/` accepts 2026-02-30 and 2026-13-45, which then throw a RangeError.
import { isCalendarDate } from '#domain';
import { applyDecorators } from '@nestjs/common';
import { IsObject, ValidateBy, ValidateIf, ValidateNested as StockValidateNested, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * The property may be left out; when it is sent, every rule applies, so `null` is refused.
 * For a property where `null` means something (clear the value), use {@link IsNullable}.
 */
export function IsOptional(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}

/** The property may be left out or be `null` (it clears the value); any other value meets every rule. */
export function IsNullable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null, options);
}

/**
 * Validates a nested DTO (with `@Type(() => Dto)`), and checks it is one: an object, not an array or
 * a primitive; with `{ each: true }` every element of the array is.
 */
export function ValidateNested(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(IsObject(options?.each ? { each: true } : {}), StockValidateNested(options)) as PropertyDecorator;
}

/** A `YYYY-MM-DD` string naming a day that exists (2026-02-28, not 2026-02-30): libs/domain's, for the services' own checks. */
export { isCalendarDate };

/** A day written `YYYY-MM-DD` that exists in the calendar. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} must be a date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/**
 * An amount in yuan to the fen (分): a finite number with at most two decimals. Tolerant of binary
 * floating point (0.57 may arrive as 0.5700000000000001), which class-validator's maxDecimalPlaces is
 * not; the document says it as `multipleOf: 0.01`.
 */
export function IsYuan(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isYuan',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} must be an amount in yuan with at most two decimals`,
      },
    },
    options,
  );
}
