/**
 * 查询码: printed on a receipt (受理回执, 登记回执), it lets the applicant look up their case or disclosure
 * application without signing in, as their ID number does. A case number or registration number alone is
 * never enough: both are sequential and printed on public documents. Eight characters from 31 symbols
 * that cannot be misread on paper (no 0/O, 1/I/L) give about 40 bits; the public lookups are rate
 * limited, so guessing one is out of reach.
 */
export const QUERY_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const QUERY_CODE_LENGTH = 8;

/** As typed by a citizen: case and spaces do not matter. */
export function normalizeQueryCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}
