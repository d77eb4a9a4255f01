/**
 * Utilities [R/utilities/utilities]: formatDate (Java SimpleDateFormat, ./format-date.ts),
 * formatString (./format-string.ts), getUuid (random v4 UUID), sleep (max 300,000 ms; the wait is
 * real, on the emulator's clock), computeDigest / computeHmacSignature / computeHmacSha256Signature
 * and base64Encode/Decode (+ WebSafe) with bytes as Apps Script gives them: signed, −128…127;
 * newBlob (bytes ↔ string). Allowed in every mode.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { blockFor } from '../clock';
import { instrument } from '../context';
import type { Execution, MaybeBlocking } from './execution';
import {
  Charset,
  DigestAlgorithm,
  MacAlgorithm,
  isEnumValue,
  type DigestAlgorithmName,
  type MacAlgorithmName,
} from './enums';
import { formatDate } from './format-date';
import { formatString } from './format-string';
import { md2 } from './md2';
import { signatureMismatch, toText } from './messages';

export const SLEEP_MAX_MS = 300_000;

/** Unsigned bytes → Apps Script's signed Byte[]. */
export function toSigned(bytes: Uint8Array): number[] {
  return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
}

/** A string (in the charset) or a Byte[] (signed or unsigned) → raw bytes. */
function toBytes(value: unknown, charset: unknown, method: string): Buffer {
  if (typeof value === 'string')
    return Buffer.from(value, charset === Charset.US_ASCII ? 'ascii' : 'utf8');
  if (Array.isArray(value) && value.every((b) => typeof b === 'number'))
    return Buffer.from(value.map((b: number) => b & 0xff));
  throw signatureMismatch(`Utilities.${method}`, [value]);
}

const NODE_DIGEST: Readonly<Record<Exclude<DigestAlgorithmName, 'MD2'>, string>> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

const NODE_MAC: Readonly<Record<MacAlgorithmName, string>> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_WEB = /^[A-Za-z0-9_-]*={0,2}$/;

function decode64(encoded: unknown, webSafe: boolean): Buffer {
  const s = String(encoded).replace(/\s+/g, '');
  if (!(webSafe ? BASE64_WEB : BASE64).test(s) || s.replace(/=+$/, '').length % 4 === 1)
    throw new Error('Could not decode string.');
  return Buffer.from(s, webSafe ? 'base64url' : 'base64');
}

/** A minimal Blob: bytes with a content type and name (Utilities.newBlob). */
export class Blob {
  constructor(
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {}
  getBytes(): number[] {
    return toSigned(this.bytes);
  }
  getDataAsString(charset?: string): string {
    return this.bytes.toString(charset === 'US-ASCII' || charset === 'US_ASCII' ? 'ascii' : 'utf8');
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string | null): this {
    this.contentType = contentType;
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): this {
    this.name = name;
    return this;
  }
  setDataFromString(s: string): this {
    this.bytes = Buffer.from(s, 'utf8');
    return this;
  }
  isGoogleType(): boolean {
    return false;
  }
}

class UtilitiesImpl {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  readonly Charset = Charset;

  constructor(private readonly exec: Execution) {}

  formatDate(date: Date, timeZone: string, format: string): string {
    if (
      Object.prototype.toString.call(date) !== '[object Date]' ||
      typeof timeZone !== 'string' ||
      typeof format !== 'string'
    )
      throw signatureMismatch('Utilities.formatDate', [date, timeZone, format]);
    return formatDate(date, timeZone, format);
  }

  formatString(template: string, ...args: unknown[]): string {
    return formatString(template, ...args);
  }

  getUuid(): string {
    return randomUUID();
  }

  /** Waits `milliseconds` of emulated time (real: ms / clock scale). */
  sleep(milliseconds: unknown): MaybeBlocking<void> {
    const ms = Number(milliseconds);
    if (!Number.isFinite(ms) || ms < 0 || ms > SLEEP_MAX_MS)
      throw new Error(
        `Utilities.sleep: milliseconds must be between 0 and ${SLEEP_MAX_MS}, got ${toText(milliseconds)}.`,
      );
    if (this.exec.canBlock) return this.exec.clock.delay(ms);
    blockFor(this.exec.clock.toReal(ms));
  }

  computeDigest(algorithm: string, value: string | number[], charset?: string): number[] {
    if (!isEnumValue(DigestAlgorithm, algorithm))
      throw signatureMismatch('Utilities.computeDigest', [algorithm, value]);
    const bytes = toBytes(value, charset, 'computeDigest');
    if (algorithm === 'MD2') return toSigned(md2(bytes));
    return toSigned(createHash(NODE_DIGEST[algorithm]).update(bytes).digest());
  }

  computeHmacSignature(
    algorithm: string,
    value: string | number[],
    key: string | number[],
    charset?: string,
  ): number[] {
    if (!isEnumValue(MacAlgorithm, algorithm))
      throw signatureMismatch('Utilities.computeHmacSignature', [algorithm, value, key]);
    const k = toBytes(key, charset, 'computeHmacSignature');
    const v = toBytes(value, charset, 'computeHmacSignature');
    return toSigned(createHmac(NODE_MAC[algorithm], k).update(v).digest());
  }

  computeHmacSha256Signature(
    value: string | number[],
    key: string | number[],
    charset?: string,
  ): number[] {
    return this.computeHmacSignature('HMAC_SHA_256', value, key, charset);
  }

  base64Encode(data: string | number[], charset?: string): string {
    return toBytes(data, charset, 'base64Encode').toString('base64');
  }

  base64EncodeWebSafe(data: string | number[], charset?: string): string {
    return toBytes(data, charset, 'base64EncodeWebSafe')
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  }

  base64Decode(encoded: string): number[] {
    return toSigned(decode64(encoded, false));
  }

  base64DecodeWebSafe(encoded: string): number[] {
    return toSigned(decode64(encoded, true));
  }

  newBlob(data: string | number[], contentType?: string, name?: string): Blob {
    return instrument(
      new Blob(toBytes(data, undefined, 'newBlob'), contentType ?? null, name ?? null),
      'Blob',
      this.exec.calls,
    );
  }
}

export function createUtilities(exec: Execution): GoogleAppsScript.Utilities.Utilities {
  return instrument(
    new UtilitiesImpl(exec),
    'Utilities',
    exec.calls,
  ) as unknown as GoogleAppsScript.Utilities.Utilities;
}
