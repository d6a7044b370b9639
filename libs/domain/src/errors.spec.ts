import { DomainError, ErrorCode, isErrorCode } from '#domain';

describe('DomainError', () => {
  it('carries its code and details', () => {
    const error = new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'x', rule: 'max' }]);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([{ field: 'x', rule: 'max' }]);
    expect(error).toBeInstanceOf(Error);
  });

  it('keeps every code equal to its own name, so codes are stable strings', () => {
    for (const [name, value] of Object.entries(ErrorCode)) expect(value).toBe(name);
    expect(isErrorCode('INTERNAL_ERROR')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
  });
});
