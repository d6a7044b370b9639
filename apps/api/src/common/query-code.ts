import { QUERY_CODE_ALPHABET, QUERY_CODE_LENGTH } from '#domain';
import { randomInt } from 'node:crypto';

/** A fresh 查询码 for a receipt, from the operating system's CSPRNG. */
export function newQueryCode(): string {
  let code = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i += 1) code += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return code;
}
