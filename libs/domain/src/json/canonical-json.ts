// Canonical JSON: one text for one JSON value, whatever the order its object keys were given in, so
// that a hash or a signature over it does not depend on how the value was built (the flow plan's
// content hash, the audit chain's HMACs and checkpoints).
/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth and no whitespace, so that equal
 * values give equal text whatever the key order. Otherwise as JSON.stringify: undefined, functions and
 * symbols are left out of objects and become null in arrays, non-finite numbers become null, toJSON is
 * honoured; a cycle or a bigint throws a TypeError.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalValue(value, []);
  return text === undefined ? 'null' : text;
}

function canonicalValue(value: unknown, ancestors: object[]): string | undefined {
  const isRecord = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isRecord && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'bigint') throw new TypeError('canonicalJson: a bigint has no JSON form');
  if (typeof value !== 'object') return undefined;
  if (ancestors.includes(value)) throw new TypeError('canonicalJson: the value is cyclic');
  ancestors.push(value);
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map((item) => canonicalValue(item, ancestors) ?? 'null').join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = canonicalValue(record[key], ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    text = `{${members.join(',')}}`;
  }
  ancestors.pop();
  return text;
}
