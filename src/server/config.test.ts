import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  defaultFileLimits,
  defaultRateLimits,
  loadConfig,
  parseTrustProxy,
} from './config';

const base = { DATABASE_URL: 'postgres://x@localhost/x', TANDEM_SECRET: 'a'.repeat(40) };

describe('TANDEM_TRUST_PROXY', () => {
  it('takes false, a hop count or a list of proxy addresses and ranges', () => {
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.1, 172.16.0.0/12,fd00::/8, loopback')).toEqual([
      '10.0.0.1',
      '172.16.0.0/12',
      'fd00::/8',
      'loopback',
    ]);
    expect(loadConfig({ ...base, TANDEM_TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
    ]);
  });

  it('refuses true, which would believe the address the client writes, with a message naming it', () => {
    expect(() => loadConfig({ ...base, TANDEM_TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, TANDEM_TRUST_PROXY: 'true' })).toThrow(
      /^TANDEM_TRUST_PROXY no longer accepts true.*number of proxies/,
    );
    for (const bad of ['yes', '10.0.0.0/33', '10.0.0', 'example.com', '-1', '1,2']) {
      expect(() => loadConfig({ ...base, TANDEM_TRUST_PROXY: bad })).toThrow(/^TANDEM_TRUST_PROXY/);
    }
  });
});

describe('TANDEM_RATE_LIMITS', () => {
  it('overrides the named limits and keeps the others', () => {
    const limits = loadConfig({
      ...base,
      TANDEM_RATE_LIMITS: 'api=500/10, sign-in=5/60',
    }).rateLimits;
    expect(limits.api).toEqual({ limit: 500, windowSeconds: 10 });
    expect(limits['sign-in']).toEqual({ limit: 5, windowSeconds: 60 });
    expect(limits.setup).toEqual(defaultRateLimits.setup);
    expect(loadConfig(base).rateLimits).toEqual(defaultRateLimits);
  });

  it('refuses unknown names and empty limits, naming the variable', () => {
    for (const bad of ['apis=1/1', 'api=0/60', 'api=10', 'api=10/0', 'api=1/100000']) {
      expect(() => loadConfig({ ...base, TANDEM_RATE_LIMITS: bad })).toThrow(/^TANDEM_RATE_LIMITS/);
    }
  });
});

describe('TANDEM_FILES_DIR', () => {
  it('defaults to the files folder of the data directory, and takes a folder of its own', () => {
    const embedded = { TANDEM_SECRET: 'a'.repeat(40), TANDEM_DATA_DIR: '/srv/tandem' };
    expect(loadConfig(embedded).filesDir).toBe('/srv/tandem/files');
    expect(loadConfig({ ...embedded, TANDEM_FILES_DIR: '/mnt/files' }).filesDir).toBe('/mnt/files');
  });
});

describe('TANDEM_FILE_LIMITS', () => {
  it('overrides the named kinds in MiB and keeps the others', () => {
    const limits = loadConfig({ ...base, TANDEM_FILE_LIMITS: 'pdf=50, txt=0.5' }).fileLimits;
    expect(limits.pdf).toBe(50 * 1024 * 1024);
    expect(limits.txt).toBe(512 * 1024);
    expect(limits.png).toBe(defaultFileLimits.png);
    expect(loadConfig(base).fileLimits).toEqual(defaultFileLimits);
  });

  it('refuses unknown kinds and sizes out of range, naming the variable', () => {
    for (const bad of ['exe=10', 'pdf=0', 'pdf=', 'pdf=2000', 'pdf=10MB']) {
      expect(() => loadConfig({ ...base, TANDEM_FILE_LIMITS: bad })).toThrow(/^TANDEM_FILE_LIMITS/);
    }
  });
});
