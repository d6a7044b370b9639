import { validateUnifiedSocialCreditCode } from '#domain';

/** A unified social credit code of a Longwan company, new each call, whose check characters hold. */
export function creditCode(): string {
  const orgBody = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
  const candidates = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  for (const orgCheck of '0123456789X') {
    for (const check of candidates) {
      const code = `91330303${orgBody}${orgCheck}${check}`;
      if (validateUnifiedSocialCreditCode(code).valid) return code;
    }
  }
  throw new Error('no credit code found');
}

/** A resident ID number of a Longwan resident born in the 1980s, new each call, whose check character holds (GB 11643). */
export function residentId(): string {
  const birth = `198${Math.floor(Math.random() * 10)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 10)}`;
  const body = `330303${birth}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}
