import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { type AttachmentKind, attachmentKinds, defaultFileLimitsMiB } from '../domain/attachments';
import type { S3BucketSettings } from './files/s3-store';

/** Environment variables Tandem reads, each validated with a message that names it. */
const env = z.object({
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  TANDEM_DATA_DIR: z.string().min(1).default('./data'),
  TANDEM_FILES_DIR: z.string().min(1).optional(),
  TANDEM_FILES_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
      message: 'must be a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens',
    })
    .optional(),
  TANDEM_FILES_S3_ENDPOINT: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
    .refine((url) => !/^[a-z]+:\/\/[^/]*@/i.test(url), {
      message: 'must not hold credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    })
    .optional(),
  TANDEM_FILES_S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, { message: 'must be a region name such as eu-west-1' })
    .optional(),
  TANDEM_FILES_S3_PREFIX: z
    .string()
    .regex(/^(?:[A-Za-z0-9_.-]+\/)*[A-Za-z0-9_.-]+\/?$/, {
      message: 'must be folder names of letters, digits, _ . - separated by /, such as tandem/',
    })
    .refine((prefix) => !prefix.split('/').some((part) => /^\.+$/.test(part)), {
      message: 'must not have a . or .. folder',
    })
    .optional(),
  TANDEM_FILES_S3_PATH_STYLE: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  TANDEM_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
    .optional(),
  TANDEM_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TANDEM_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, context) => {
      const trust = parseTrustProxy(value);
      if (typeof trust === 'string') {
        context.addIssue({ code: 'custom', message: trust });
        return z.NEVER;
      }
      return trust;
    }),
  TANDEM_RATE_LIMITS: z
    .string()
    .optional()
    .transform((value, context) => {
      const limits = parseRateLimits(value ?? '');
      if (typeof limits === 'string') {
        context.addIssue({ code: 'custom', message: limits });
        return z.NEVER;
      }
      return limits;
    }),
  TANDEM_FILE_LIMITS: z
    .string()
    .optional()
    .transform((value, context) => {
      const limits = parseFileLimits(value ?? '');
      if (typeof limits === 'string') {
        context.addIssue({ code: 'custom', message: limits });
        return z.NEVER;
      }
      return limits;
    }),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, {
      message: 'must be an address, `name@example.com` or `Name <name@example.com>`',
    })
    .default('Tandem <tandem@localhost>'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

/** Values that may hold a password or key: never repeated in an error message. */
const secretVariables = new Set(['TANDEM_SECRET', 'DATABASE_URL', 'SMTP_URL']);

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** Where the directory blob store keeps files (`$TANDEM_DATA_DIR/files` unless set). */
  filesDir: string;
  /** The bucket that keeps files instead of `filesDir`, when `TANDEM_FILES_S3_BUCKET` is set. */
  filesBucket?: S3BucketSettings;
  /** The largest upload of each kind of file, in bytes. */
  fileLimits: FileLimits;
  databaseUrl: string | undefined;
  publicUrl: string;
  secret: string;
  /** Proxies whose X-Forwarded-For entries are believed: none, a hop count, or their addresses. */
  trustProxy: TrustProxy;
  /** Requests allowed per fixed window, per API key or session (`api`) or per client address. */
  rateLimits: RateLimits;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof env>['LOG_LEVEL'];
};

export type TrustProxy = false | number | string[];

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `false`/`0`, a hop count (the number of proxies in front of Tandem), or a comma list of proxy
 * addresses, CIDR ranges and the names loopback, linklocal, uniquelocal. `true` would believe the
 * left-most X-Forwarded-For entry, which the client writes, so it is refused. Answers the
 * setting, or the message saying what is wrong.
 */
export function parseTrustProxy(text: string): TrustProxy | string {
  const value = text.trim();
  if (value === 'false' || value === '0') return false;
  if (value === 'true') {
    return 'no longer accepts true (it let clients choose their address): give the number of proxies in front of Tandem (usually 1) or their addresses, e.g. 10.0.0.0/8';
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 32) return 'must be a hop count from 0 to 32, or a list of proxy addresses';
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (proxyNames.has(entry)) continue;
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || extra !== undefined) {
      return `must be false, a hop count, or a comma list of proxy addresses or CIDR ranges (${JSON.stringify(entry)} is none of these)`;
    }
  }
  return entries;
}

/**
 * The setting as Fastify takes it. Fastify ignores a bare hop count (it cannot tell a proxy from
 * a client connecting directly), so a count becomes "believe the nearest `hops` addresses": right
 * only when clients can reach Tandem through the proxies alone (docs/operations.md).
 */
export function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return trust === 0 ? false : (_address, hop) => hop < trust;
  return trust;
}

/** What is limited: authenticated API use per key or session, each public endpoint per client. */
export const rateLimitNames = [
  'api',
  'sign-in',
  'reset-request',
  'reset-request-email',
  'reset-confirm',
  'invitation-accept',
  'setup',
  'calendar-feed',
  'report-unsubscribe',
  'signing-link',
  'password-change',
] as const;
export type RateLimitName = (typeof rateLimitNames)[number];
export type RateLimit = { limit: number; windowSeconds: number };
export type RateLimits = Record<RateLimitName, RateLimit>;

/**
 * Far above what a person or a well-behaved script does, and above the test suites and the
 * benchmarks (a few thousand API requests a minute per key); low enough to stop a runaway loop
 * and to cap the password hashing (~19 MiB each) that public endpoints can be made to do.
 */
export const defaultRateLimits: RateLimits = {
  api: { limit: 20_000, windowSeconds: 60 },
  'sign-in': { limit: 60, windowSeconds: 60 },
  'reset-request': { limit: 20, windowSeconds: 3600 },
  'reset-request-email': { limit: 5, windowSeconds: 3600 },
  'reset-confirm': { limit: 30, windowSeconds: 60 },
  'invitation-accept': { limit: 30, windowSeconds: 60 },
  setup: { limit: 10, windowSeconds: 60 },
  // Calendar apps poll every few minutes at most; a client fetching faster is not one.
  'calendar-feed': { limit: 60, windowSeconds: 60 },
  // A person clicks it once or twice; a client trying tokens is not one.
  'report-unsubscribe': { limit: 30, windowSeconds: 60 },
  // A signer reads the agreement and signs it a few times at most; a client trying tokens is not one.
  'signing-link': { limit: 60, windowSeconds: 60 },
  // A stolen session must not become a way to guess the current password (decision 016).
  'password-change': { limit: 10, windowSeconds: 3600 },
};

/** `name=count/seconds` pairs, comma separated, over the defaults; answers a message when wrong. */
export function parseRateLimits(text: string): RateLimits | string {
  const limits = { ...defaultRateLimits };
  for (const entry of text.split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    const match = /^([a-z-]+)=(\d+)\/(\d+)$/.exec(entry);
    const name = match?.[1] as RateLimitName | undefined;
    const limit = Number(match?.[2]);
    const windowSeconds = Number(match?.[3]);
    if (!match || !name || !rateLimitNames.includes(name)) {
      return `must be a comma list of name=count/seconds with names ${rateLimitNames.join(', ')} (${JSON.stringify(entry)} is not)`;
    }
    if (limit < 1 || windowSeconds < 1 || windowSeconds > 86_400) {
      return `${name} needs a count of at least 1 and a window from 1 to 86400 seconds`;
    }
    limits[name] = { limit, windowSeconds };
  }
  return limits;
}

export type FileLimits = Record<AttachmentKind, number>;

const mebibyte = 1024 * 1024;

export const defaultFileLimits = Object.fromEntries(
  attachmentKinds.map((kind) => [kind, defaultFileLimitsMiB[kind] * mebibyte]),
) as FileLimits;

/** `kind=MiB` pairs, comma separated, over the defaults; answers a message when wrong. */
export function parseFileLimits(text: string): FileLimits | string {
  const limits = { ...defaultFileLimits };
  for (const entry of text.split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    const match = /^([a-z]+)=(\d+(?:\.\d+)?)$/.exec(entry);
    const kind = match?.[1] as AttachmentKind | undefined;
    const size = Number(match?.[2]);
    if (!match || !kind || !attachmentKinds.includes(kind)) {
      return `must be a comma list of kind=MiB with kinds ${attachmentKinds.join(', ')} (${JSON.stringify(entry)} is not)`;
    }
    if (size <= 0 || size > 1024) return `${kind} needs a size from more than 0 to 1024 MiB`;
    limits[kind] = Math.floor(size * mebibyte);
  }
  return limits;
}

/** A setting that stops the process: its message is one line naming the variable. */
export class ConfigError extends Error {}

/** Reads and validates the environment; on the embedded database, makes the secret on first start. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const blankless = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = env.safeParse(blankless);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const given = secretVariables.has(name) ? '' : ` (got ${JSON.stringify(source[name])})`;
    throw new ConfigError(`${name} ${issue?.message ?? 'is invalid'}${given}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.TANDEM_DATA_DIR);
  let secret = e.TANDEM_SECRET;
  if (!secret) {
    if (e.DATABASE_URL) {
      throw new ConfigError('TANDEM_SECRET is required with DATABASE_URL (at least 32 characters)');
    }
    try {
      secret = embeddedSecret(dataDir);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new ConfigError(
        `TANDEM_DATA_DIR ${dataDir} cannot be used: ${reason} (Tandem must be able to create and write it)`,
      );
    }
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    filesDir: resolve(e.TANDEM_FILES_DIR ?? join(dataDir, 'files')),
    filesBucket: bucketSettings(e, source),
    fileLimits: e.TANDEM_FILE_LIMITS,
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.TANDEM_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    secret,
    trustProxy: e.TANDEM_TRUST_PROXY,
    rateLimits: e.TANDEM_RATE_LIMITS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
  };
}

/** The bucket settings when a bucket is named; any other bucket setting without one is a mistake. */
function bucketSettings(
  e: z.infer<typeof env>,
  source: NodeJS.ProcessEnv,
): S3BucketSettings | undefined {
  const bucket = e.TANDEM_FILES_S3_BUCKET;
  if (!bucket) {
    const stray = (['ENDPOINT', 'REGION', 'PREFIX', 'PATH_STYLE'] as const).find(
      (name) => e[`TANDEM_FILES_S3_${name}`] !== undefined,
    );
    if (stray) throw new ConfigError(`TANDEM_FILES_S3_${stray} needs TANDEM_FILES_S3_BUCKET`);
    return undefined;
  }
  if (e.TANDEM_FILES_DIR) {
    throw new ConfigError('TANDEM_FILES_DIR and TANDEM_FILES_S3_BUCKET cannot both be set');
  }
  const prefix = e.TANDEM_FILES_S3_PREFIX ?? '';
  return {
    bucket,
    endpoint: e.TANDEM_FILES_S3_ENDPOINT,
    region: e.TANDEM_FILES_S3_REGION ?? (source.AWS_REGION || 'us-east-1'),
    prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
    // S3-compatible services mostly serve buckets as paths; Amazon S3 as host names.
    pathStyle:
      (e.TANDEM_FILES_S3_PATH_STYLE ?? String(Boolean(e.TANDEM_FILES_S3_ENDPOINT))) === 'true',
  };
}

/** The embedded install keeps its secret beside its data, readable by the owner only. */
function embeddedSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}
