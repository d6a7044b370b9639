// China-time dates for what the API returns in ISO instants, by libs/domain's China time
// (@domain/china-time). The words for its codes are libs/domain's too (@domain/labels).
import { chinaDateOf, chinaDatePartsOf, chinaDateTimeOf, chinaInstant } from '@domain/china-time';

/** An instant as epoch milliseconds, or null for nothing or an invalid value. */
function instantOf(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** An instant as China time in the Chinese form: 2026年11月27日 09:05. */
export function dateTime(value: string | number | null | undefined): string {
  const ms = instantOf(value);
  if (ms === null) return '—';
  const { year, month, day } = chinaDatePartsOf(ms);
  return `${year}年${month}月${day}日 ${chinaDateTimeOf(ms).slice(11)}`;
}

/**
 * A calendar day as YYYY-MM-DD (the form date inputs take): a date the API gives as YYYY-MM-DD as it is,
 * an instant as its day in China time.
 */
export function day(value: string | number | null | undefined): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = instantOf(value);
  return ms === null ? '—' : chinaDateOf(ms);
}

/** Red: past its deadline or a red card; yellow: due within a working day's hours or a yellow card. */
export function urgency(deadlineAt: string | null, alarmLevel?: string | null, now = Date.now()): 'red' | 'yellow' | 'normal' {
  if (alarmLevel === 'red') return 'red';
  if (deadlineAt !== null && Date.parse(deadlineAt) < now) return 'red';
  if (alarmLevel === 'yellow') return 'yellow';
  if (deadlineAt !== null && Date.parse(deadlineAt) - now < 24 * 3600 * 1000) return 'yellow';
  return 'normal';
}

/** An ISO instant in China time for a `datetime-local` input's value (YYYY-MM-DDTHH:mm), and back. */
export function toChinaLocal(value: number | string): string {
  return chinaDateTimeOf(new Date(value).getTime()).replace(' ', 'T');
}

export function fromChinaLocal(local: string): string {
  try {
    return new Date(chinaInstant(local.slice(0, 10), local.slice(11, 16))).toISOString();
  } catch {
    // Not a time (an emptied field): sent as it is, the API names the field it refuses.
    return local;
  }
}
