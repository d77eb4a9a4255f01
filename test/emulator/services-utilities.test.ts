import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock';
import { formatDate } from '../../emulator/services/format-date';
import { formatString } from '../../emulator/services/format-string';
import { makeWorld, open } from './helpers';

const hex = (bytes: number[]): string =>
  bytes.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');

describe('Utilities.formatDate (Java SimpleDateFormat, IANA zones)', () => {
  const d = new Date(Date.UTC(2027, 0, 5, 14, 3, 9, 7)); // Tuesday 5 January 2027, 14:03:09.007 UTC

  it('formats numbers, texts and literals', () => {
    expect(formatDate(d, 'Etc/UTC', 'yyyy-MM-dd HH:mm:ss.SSS')).toBe('2027-01-05 14:03:09.007');
    expect(formatDate(d, 'UTC', "yyyy-MM-dd'T'HH:mm:ss'Z'")).toBe('2027-01-05T14:03:09Z');
    expect(formatDate(d, 'GMT', "h 'o''clock' a, EEEE d MMMM yy")).toBe(
      "2 o'clock PM, Tuesday 5 January 27",
    );
    expect(formatDate(d, 'UTC', "EEE MMM d ''yy")).toBe("Tue Jan 5 '27");
    expect(formatDate(d, 'UTC', 'D u w W F G')).toBe('5 2 2 2 1 AD');
    expect(formatDate(new Date(Date.UTC(2027, 0, 15)), 'UTC', 'F W')).toBe('3 3');
    expect(formatDate(new Date(Date.UTC(2027, 0, 2)), 'UTC', 'W w')).toBe('1 1');
    expect(formatDate(new Date(Date.UTC(2027, 0, 5, 0, 7)), 'UTC', 'k K h H')).toBe('24 0 12 0');
  });

  it('applies the time zone, daylight saving included, with zone names and offsets', () => {
    expect(formatDate(d, 'America/New_York', 'yyyy-MM-dd HH:mm z Z XXX X')).toBe(
      '2027-01-05 09:03 EST -0500 -05:00 -05',
    );
    const july = new Date(Date.UTC(2027, 6, 1, 12));
    expect(formatDate(july, 'America/New_York', 'HH:mm z Z')).toBe('08:00 EDT -0400');
    expect(formatDate(d, 'Asia/Kolkata', 'HH:mm Z XXX')).toBe('19:33 +0530 +05:30');
    expect(formatDate(d, 'GMT+2', 'HH:mm z')).toBe('16:03 GMT+02:00');
    expect(formatDate(d, 'GMT-05:30', 'HH:mm Z')).toBe('08:33 -0530');
    expect(formatDate(d, 'UTC', 'X XX z')).toBe('Z Z UTC');
    expect(formatDate(d, 'Mars/Olympus_Mons', 'HH:mm')).toBe('14:03');
    // Java names the id "GMT", and the GMT it falls back to for an unknown id, "GMT" (not "UTC").
    expect(formatDate(d, 'GMT', 'HH:mm z zzzz X')).toBe('14:03 GMT Greenwich Mean Time Z');
    expect(formatDate(d, 'Mars/Olympus_Mons', 'z')).toBe('GMT');
    expect(formatDate(d, 'UTC', 'zzzz')).toBe('Coordinated Universal Time');
    expect(
      formatDate(new Date(Date.UTC(2027, 0, 1, 3)), 'America/Los_Angeles', 'yyyy-MM-dd EEE'),
    ).toBe('2026-12-31 Thu');
  });

  it('gives the US week year at the turn of the year', () => {
    const dec31 = new Date(Date.UTC(2026, 11, 31, 12)); // Thursday; 1 January 2027 is a Friday
    expect(formatDate(dec31, 'UTC', 'yyyy YYYY w')).toBe('2026 2027 1');
    const dec26 = new Date(Date.UTC(2026, 11, 26, 12)); // Saturday, before that week
    expect(formatDate(dec26, 'UTC', 'YYYY w')).toBe('2026 52');
  });

  it('rejects unknown pattern letters and unterminated quotes as Java does', () => {
    expect(() => formatDate(d, 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
    expect(() => formatDate(d, 'UTC', "yyyy 'open")).toThrow(/Unterminated quote/);
  });

  it('agrees with Intl on the wall clock for any instant and zone (property test)', () => {
    const zones = ['UTC', 'America/New_York', 'Europe/Paris', 'Asia/Tokyo', 'Australia/Adelaide'];
    const iso = (date: Date, tz: string): string =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone: tz,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }).format(date);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (date, tz) => {
          expect(formatDate(date, tz, 'yyyy-MM-dd HH:mm:ss')).toBe(iso(date, tz));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is reached through Utilities, which checks its arguments', () => {
    const { g } = open(makeWorld());
    expect(g.Utilities.formatDate(d, 'America/New_York', 'MMM d')).toBe('Jan 5');
    expect(() => g.Utilities.formatDate('2027-01-05' as unknown as Date, 'UTC', 'y')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });
});

describe('Utilities.formatString', () => {
  it('formats like sprintf', () => {
    expect(formatString('%s is %d years', 'Ana', 42.9)).toBe('Ana is 42 years');
    expect(formatString('%05.2f|%-6s|%6s|', 3.14159, 'ab', 'cd')).toBe('03.14|ab    |    cd|');
    expect(formatString('%x %X %o %+d % d %%', 255, 255, 8, 5, 7)).toBe('ff FF 10 +5  7 %');
    expect(formatString('%e|%.2e', 12345.678, -0.000123)).toBe('1.234568e+04|-1.23e-04');
    expect(formatString('%.3s %c %b', 'abcdef', 65, 0)).toBe('abc A false');
    expect(formatString('%s and %s', 'one')).toBe('one and %s');
    expect(formatString('%f', 2)).toBe('2.000000');
  });
});

describe('Utilities bytes: digests, HMAC, base64 (signed bytes)', () => {
  const { g } = open(makeWorld());
  const U = g.Utilities;

  it('computes digests of every DigestAlgorithm as signed bytes', () => {
    const md5 = U.computeDigest(U.DigestAlgorithm.MD5, 'abc');
    expect(hex(md5)).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5[0]).toBe(0x90 - 256);
    expect(md5.every((b) => b >= -128 && b <= 127)).toBe(true);
    expect(hex(U.computeDigest(U.DigestAlgorithm.SHA_256, 'abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(U.computeDigest(U.DigestAlgorithm.SHA_1, 'abc'))).toBe(
      'a9993e364706816aba3e25717850c26c9cd0d89d',
    );
    expect(U.computeDigest(U.DigestAlgorithm.SHA_384, 'abc')).toHaveLength(48);
    expect(U.computeDigest(U.DigestAlgorithm.SHA_512, 'abc')).toHaveLength(64);
    // RFC 1319 test suite.
    expect(hex(U.computeDigest(U.DigestAlgorithm.MD2, ''))).toBe(
      '8350e5a3e24c153df2275c9f80692773',
    );
    expect(hex(U.computeDigest(U.DigestAlgorithm.MD2, 'abc'))).toBe(
      'da853b0d3f88d99b30283a69e6ded6bb',
    );
    expect(hex(U.computeDigest(U.DigestAlgorithm.MD2, 'message digest'))).toBe(
      'ab4f496bfb2a530b219ff33031fe06b0',
    );
    // A Byte[] digests the same as the string it encodes.
    expect(U.computeDigest(U.DigestAlgorithm.MD5, [97, 98, 99] as unknown as string)).toEqual(md5);
  });

  it('computes HMAC-SHA256', () => {
    expect(
      hex(U.computeHmacSha256Signature('The quick brown fox jumps over the lazy dog', 'key')),
    ).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });

  it('encodes and decodes base64, standard and web-safe', () => {
    expect(U.base64Encode('Hello, World!')).toBe('SGVsbG8sIFdvcmxkIQ==');
    expect(U.base64Encode([-5, -1] as unknown as string)).toBe('+/8=');
    expect(U.base64EncodeWebSafe([-5, -1] as unknown as string)).toBe('-_8=');
    expect(U.base64Decode('+/8=')).toEqual([-5, -1]);
    expect(U.base64DecodeWebSafe('-_8=')).toEqual([-5, -1]);
    expect(U.newBlob(U.base64Decode('SGVsbG8sIFdvcmxkIQ==')).getDataAsString()).toBe(
      'Hello, World!',
    );
    expect(() => U.base64Decode('@@')).toThrow('Could not decode string.');
  });

  it('round-trips any bytes through base64 (property test)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -128, max: 127 })), (bytes) => {
        expect(U.base64Decode(U.base64Encode(bytes as unknown as string))).toEqual(bytes);
        expect(U.base64DecodeWebSafe(U.base64EncodeWebSafe(bytes as unknown as string))).toEqual(
          bytes,
        );
      }),
    );
  });

  it('makes random v4 UUIDs', () => {
    const a = U.getUuid();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(U.getUuid()).not.toBe(a);
  });
});

describe('Utilities.sleep', () => {
  it('waits on the emulator clock and refuses more than 300,000 ms', () => {
    const clock = new Clock({ scale: 1000 });
    const { exec, g } = open(makeWorld(clock));
    const real = performance.now();
    g.Utilities.sleep(5000); // 5 real ms
    expect(exec.elapsed()).toBeGreaterThanOrEqual(5000);
    expect(performance.now() - real).toBeLessThan(1000);
    expect(() => g.Utilities.sleep(300_001)).toThrow(
      'Utilities.sleep: milliseconds must be between 0 and 300000',
    );
  });
});

describe('Session, Logger, ScriptApp', () => {
  it('shows the email only in FULL, the locale and time zone always, nothing in NONE', () => {
    const world = makeWorld();
    const full = open(world, 'ana@example.com').g.Session;
    expect(full.getActiveUser().getEmail()).toBe('ana@example.com');
    expect(full.getEffectiveUser().getEmail()).toBe('ana@example.com');
    expect(full.getActiveUserLocale()).toBe('en');
    expect(full.getScriptTimeZone()).toBe('America/New_York');
    const cf = open(world, 'ana@example.com', 'CUSTOM_FUNCTION').g.Session;
    expect(cf.getActiveUser().getEmail()).toBe('');
    expect(cf.getActiveUserLocale()).toBe('en');
    const limited = open(world, 'ana@example.com', 'LIMITED').g.Session;
    expect(limited.getActiveUser().getEmail()).toBe('');
    expect(() => open(world, 'ana@example.com', 'NONE').g.Session.getActiveUser()).toThrow(
      'You do not have permission to call Session.getActiveUser',
    );
  });

  it('gives each user a stable temporary key', () => {
    const world = makeWorld();
    const key = (email: string): string => open(world, email).g.Session.getTemporaryActiveUserKey();
    expect(key('ana@example.com')).toBe(key('ana@example.com'));
    expect(key('ana@example.com')).not.toBe(key('bob@example.com'));
  });

  it('logs with %s placeholders, returns the log and clears it', () => {
    const { exec, g } = open(makeWorld());
    g.Logger.log('scored %s projects in %s ms', 40, 12.5).log({ top: 'P-07' });
    g.Logger.log(['a', 1]);
    expect(g.Logger.getLog()).toBe('scored 40 projects in 12.5 ms\n{"top":"P-07"}\n["a",1]');
    expect(exec.logs).toHaveLength(3);
    g.Logger.clear();
    expect(g.Logger.getLog()).toBe('');
    expect(exec.calls.get('Logger.log')).toBe(3);
  });

  it('exposes ScriptApp.AuthMode in every mode, getScriptId only with authorization', () => {
    const world = makeWorld();
    const none = open(world, 'a@example.com', 'NONE').g.ScriptApp;
    expect(none.AuthMode.NONE).toBe('NONE');
    expect(Object.keys(none.AuthMode)).toEqual(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
    expect(open(world).g.ScriptApp.getScriptId()).toBe('script-1');
    expect(() => open(world, 'a@example.com', 'CUSTOM_FUNCTION').g.ScriptApp.getScriptId()).toThrow(
      'You do not have permission to call ScriptApp.getScriptId',
    );
  });
});
