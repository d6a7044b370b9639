/**
 * What the request log may say about a URL. Citizens' ID numbers (公民身份号码), companies' credit codes
 * (统一社会信用代码), names and receipt query codes travel in some URLs (the public result query, the
 * shared materials library); an access log is read by operators and shipped to log stores, so these
 * never reach it. Redaction is by parameter name, by path position and, as a backstop, by shape.
 */

export const REDACTED = '[REDACTED]';

/** Query parameters whose value names or identifies a person (compared without case, `_` or `-`). */
const PERSONAL_PARAMETERS = new Set(
  [
    'idNumber',
    'applicantId',
    'creditCode',
    'name',
    'applicantName',
    'queryCode',
    'contact',
    'phone',
    'mobile',
    'email',
    'q',
    'username',
    'password',
    'token',
  ].map(normalise),
);

/** Path positions that hold an applicant's identity: /applicants/:kind/:idNumber/... */
const IDENTITY_SEGMENTS = [/(\/applicants\/[^/?#]+\/)[^/?#]+/gi];

// An 18-character resident ID or credit code, a 15-digit old resident ID, anywhere as a whole token.
const ID_SHAPED = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15}|[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})(?![0-9A-Za-z])/g;

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/** The URL (path and query, as in a request line) with personal data replaced by [REDACTED]. */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const hashAt = url.indexOf('#');
  const withoutHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = withoutHash.indexOf('?');
  const pathPart = queryAt >= 0 ? withoutHash.slice(0, queryAt) : withoutHash;
  const queryPart = queryAt >= 0 ? withoutHash.slice(queryAt + 1) : null;
  return redactPath(pathPart) + (queryPart === null ? '' : `?${redactQueryString(queryPart)}`);
}

function redactPath(path: string): string {
  const positional = IDENTITY_SEGMENTS.reduce((result, pattern) => result.replace(pattern, `$1${REDACTED}`), path);
  return positional.replace(ID_SHAPED, REDACTED);
}

function redactQueryString(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals >= 0 ? pair.slice(0, equals) : pair;
      if (equals < 0) return pair.replace(ID_SHAPED, REDACTED);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // a malformed escape: judged by its raw spelling
      }
      if (PERSONAL_PARAMETERS.has(normalise(name.replace(/\[.*$/, '')))) return `${rawName}=${REDACTED}`;
      let value = pair.slice(equals + 1);
      try {
        value = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        // keep the raw value
      }
      return value.replace(ID_SHAPED, REDACTED) !== value ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
}

/** A parsed query or params object (express's req.query / req.params) with personal values replaced. */
export function redactValues(values: unknown): unknown {
  if (values === null || typeof values !== 'object') return values;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    if (isPersonalParameter(key)) out[key] = REDACTED;
    else if (typeof value === 'string') out[key] = value.replace(ID_SHAPED, REDACTED);
    else if (Array.isArray(value) || (value !== null && typeof value === 'object'))
      out[key] = JSON.parse(JSON.stringify(value).replace(ID_SHAPED, REDACTED)) as unknown;
    else out[key] = value;
  }
  return out;
}

export function isPersonalParameter(name: string): boolean {
  return PERSONAL_PARAMETERS.has(normalise(name));
}

/**
 * pino-http's `req` serializer: the standard one's output (id, method, url, query, params, headers,
 * remote address) with the URL, query, route parameters and Referer redacted.
 */
export function redactRequestLog<T extends { url?: string; query?: unknown; params?: unknown; headers?: Record<string, unknown> }>(req: T): T {
  const headers = req.headers && typeof req.headers.referer === 'string' ? { ...req.headers, referer: redactReferer(req.headers.referer) } : req.headers;
  return {
    ...req,
    url: redactUrl(req.url),
    ...(req.query !== undefined ? { query: redactValues(req.query) } : {}),
    ...(req.params !== undefined ? { params: redactValues(req.params) } : {}),
    ...(headers !== undefined ? { headers } : {}),
  };
}

function redactReferer(referer: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(referer);
  return match ? match[1] + (redactUrl(match[2] || '/') ?? '') : (redactUrl(referer) ?? '');
}
