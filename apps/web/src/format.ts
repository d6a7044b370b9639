// China-time dates for what the API returns in ISO instants. The words for its codes are libs/domain's
// (@domain/labels).

const CHINA = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The China-time parts of an instant, or null for nothing or an invalid value. */
function chinaParts(value: string | number | null | undefined): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> | null {
  if (value === null || value === undefined || value === '') return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const parts = Object.fromEntries(CHINA.formatToParts(d).map((p) => [p.type, p.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** An instant as China time in the Chinese form: 2026年11月27日 09:05. */
export function dateTime(value: string | number | null | undefined): string {
  const p = chinaParts(value);
  return p ? `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}` : '—';
}

/**
 * A calendar day as YYYY-MM-DD (the form date inputs take): a date the API gives as YYYY-MM-DD as it is,
 * an instant as its day in China time.
 */
export function day(value: string | number | null | undefined): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = chinaParts(value);
  return p ? `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}` : '—';
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
  const d = new Date(new Date(value).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16);
}

export function fromChinaLocal(local: string): string {
  return `${local}:00+08:00`;
}
