import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A development secret (JWT_SECRET, SEAL_MASTER_KEY, AUDIT_HMAC_KEY) kept under .data/ so it survives a
 * restart; the environment's wins. Production sets each one itself (docker-compose refuses to start without).
 */
export function devSecret(dataDir, name) {
  if (process.env[name]) return process.env[name];
  const file = path.join(dataDir, name.toLowerCase().replace(/_/g, '-'));
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}
