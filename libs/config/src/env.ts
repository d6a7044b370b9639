import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, registerDecorator, validateSync, type ValidationArguments } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);

/** The decorated number must be greater than the named property's (when both are numbers). */
function IsGreaterThanProperty(property: string) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isGreaterThanProperty',
      target: target.constructor,
      propertyName,
      constraints: [property],
      options: { message: `${propertyName} must be greater than ${property}` },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[property];
          return typeof value !== 'number' || typeof other !== 'number' || value > other;
        },
      },
    });
}

/** PostgreSQL, for the API, the worker and the migration CLI. */
export class DatabaseEnv {
  /** postgres://user:password@host:port/database */
  @Matches(/^postgres(ql)?:\/\/[^\s/]+\/[^\s/?]+(\?\S*)?$/, {
    message: 'DATABASE_URL must look like postgres://user:password@host:port/database',
  })
  DATABASE_URL!: string;

  /** Connection pool size per process. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;
}

/** Temporal, for the API and the worker. */
export class TemporalEnv extends DatabaseEnv {
  @Matches(/^[^\s:]+:\d{1,5}$/, { message: 'TEMPORAL_ADDRESS must look like host:port' })
  TEMPORAL_ADDRESS!: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{2,255}$/, { message: 'TEMPORAL_NAMESPACE must be a Temporal namespace name' })
  TEMPORAL_NAMESPACE = 'default';

  /** Base name of the task queues; a test run sets its own so no other worker takes its tasks. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, { message: 'TEMPORAL_TASK_QUEUE must be letters, digits, . _ or -' })
  TEMPORAL_TASK_QUEUE = 'zwt';

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

export class WorkerEnv extends TemporalEnv {
  /** A CJK TrueType font (.ttf/.ttc) for the documents' PDFs; the set-up finds or installs one. */
  @IsString()
  ZWT_CJK_FONT!: string;

  /** Encrypts the departments' private seal keys at rest; at least 32 characters, kept secret. */
  @IsString()
  @MinLength(32, { message: 'SEAL_MASTER_KEY must be at least 32 characters' })
  SEAL_MASTER_KEY!: string;

  /** Where documents and materials are stored, content-addressed. */
  @IsOptional()
  @IsString()
  FILES_DIR = '.data/files';

  /** When set, GET http://<host>:<port>/health answers 200 while the worker runs (container health checks). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_HEALTH_PORT?: number;
}

/** The migration CLI's `verify-audit`, `checkpoint-audit` and `export-audit`. */
export class AuditEnv extends DatabaseEnv {
  /**
   * Keys the supervision audit chain (HMAC-SM3) and wraps the platform's checkpoint signing key. Held
   * outside the database (in production a secret store or the deployment's environment): whoever can write
   * the audit table but lacks it cannot write a chain that verifies.
   */
  @IsString()
  @MinLength(32, { message: 'AUDIT_HMAC_KEY must be at least 32 characters' })
  AUDIT_HMAC_KEY!: string;
}

export class ApiEnv extends TemporalEnv {
  /** The audit chain's key (see AuditEnv): the API appends the supervisors' reads and signs checkpoints. */
  @IsString()
  @MinLength(32, { message: 'AUDIT_HMAC_KEY must be at least 32 characters' })
  AUDIT_HMAC_KEY!: string;

  /** A signed checkpoint of the audit log's head at start and then this often (seconds); 0: only on demand. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  AUDIT_CHECKPOINT_INTERVAL_SECONDS = 3600;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Address the HTTP server binds to. */
  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  /** HMAC key of the access tokens (HS256); at least 32 characters. */
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS = 8 * 3600;

  /** Where uploaded materials are stored, content-addressed (relative to the working directory). */
  @IsOptional()
  @IsString()
  FILES_DIR = '.data/files';

  /** The CJK TrueType font the worker uses; the API prints supervision records (timeline PDF) with it. */
  @IsOptional()
  @IsString()
  ZWT_CJK_FONT?: string;

  /** Largest JSON body accepted, in bytes; larger ones get 413. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /**
   * Express `trust proxy`: unset, the caller's address is the socket's (rate limits are keyed on it);
   * behind a reverse proxy name it (`loopback`, a hop count, or addresses/CIDRs separated by commas) so the
   * address comes from X-Forwarded-For.
   */
  @IsOptional()
  @Matches(/^(loopback|linklocal|uniquelocal|\d{1,2}|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/, {
    message: 'TRUST_PROXY must be loopback, a hop count or addresses/CIDRs',
  })
  TRUST_PROXY?: string;

  /**
   * API processes on one database whose rate-limit counters add up (the default: all of them). Each
   * test app sets its own, as each has its own task queue.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'RATE_LIMIT_NAMESPACE must be letters, digits, . _ or -' })
  RATE_LIMIT_NAMESPACE = 'zwt';

  /** The region (county) whose platform this is: self-registered applicants belong to it (demo: 龙湾区). */
  @IsString()
  @Matches(/^\d{6}$/)
  PLATFORM_REGION_CODE = '330303';

  /**
   * Disclosure on application (依申请公开): the regulation new applications are registered under —
   * `2019` (国务院令第711号: 20 + 20 working days, correction notice within 7) or `2008` (国务院令第492号:
   * 15 + 15, as the older provincial rules). A running application keeps the rules it started with.
   */
  @IsOptional()
  @IsIn(['2019', '2008'], { message: 'DISCLOSURE_PERIOD_RULES must be 2019 or 2008' })
  DISCLOSURE_PERIOD_RULES: '2019' | '2008' = '2019';

  /** Yellow card when an online application is still unconfirmed after this many working days (Art. 31). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  DISCLOSURE_UNCONFIRMED_YELLOW_DAYS = 2;

  /** Red card after this many; more than the yellow card's. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(30)
  @IsGreaterThanProperty('DISCLOSURE_UNCONFIRMED_YELLOW_DAYS')
  DISCLOSURE_UNCONFIRMED_RED_DAYS = 5;

  /**
   * The address citizens reach the platform at (scheme, host, optional port and path, no trailing slash),
   * e.g. `https://zwt.longwan.gov.cn`. Absolute links the API writes (the Atom feeds) are built from it,
   * never from the request's Host header, which the caller controls. With `https://` every answer also
   * carries Strict-Transport-Security.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#@]+(\/[^\s?#]*[^\s?#/])?$/, {
    message: 'PUBLIC_BASE_URL must be http(s)://host[:port][/path] without a trailing slash',
  })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /**
   * Serve the OpenAPI document (`/api/docs-json`) and Swagger UI (`/api/docs`). Off unless set to `true`:
   * production publishes its contract to integrators deliberately, not to every visitor. `npm start` and
   * the tests turn it on.
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'API_DOCS must be true or false' })
  API_DOCS: 'true' | 'false' = 'false';

  /** The built web console (vite build of apps/web), served at `/` when it holds an index.html. */
  @IsOptional()
  @IsString()
  WEB_DIR = 'dist/web';
}

export class EnvError extends Error {
  constructor(readonly problems: { variable: string; reason: string }[]) {
    super(`invalid environment:\n${problems.map((p) => `  ${p.variable}: ${p.reason}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Reads and checks the variables a process needs; throws naming every wrong or missing one. */
export function loadEnv<T extends object>(shape: new () => T, env: Record<string, string | undefined> = process.env): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const instance = plainToInstance(shape, present, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new EnvError(
      errors.map((e) => ({
        variable: e.property,
        reason: e.value === undefined ? 'is missing' : Object.values(e.constraints ?? {}).join('; ') || 'is invalid',
      })),
    );
  }
  return instance;
}

/**
 * How a process (API, worker, CLI) dies of an error at start-up: a bad environment is named plainly,
 * anything else with its stack; exit code 1 either way.
 */
export function exitOnStartupError(processName: string) {
  return (error: unknown): never => {
    const text = error instanceof EnvError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${processName}: ${text}\n`);
    process.exit(1);
  };
}
