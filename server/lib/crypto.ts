import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Field encryption for personal data: AES-256-GCM with versioned keys, so keys rotate by
 * adding a version; old ciphertexts stay readable. Format: `v<N>.<iv>.<tag>.<ciphertext>` (base64url).
 */
export interface Cipher {
  /** The version of the key new ciphertexts are made with (the highest configured). */
  readonly currentVersion: number;
  encrypt(plain: string): string;
  decrypt(token: string): string;
  /** HMAC-SHA256 blind index: equal inputs give equal bytes, so exact search and dedupe work without decrypting. */
  blindIndex(normalised: string): Buffer;
}

const IV_BYTES = 12;
const IVS_PER_FILL = 1024;

/**
 * Fresh random 96-bit GCM nonces, drawn from the CSPRNG 1,024 at a time: one `randomBytes` call
 * costs several microseconds, which dominated sealing a roster. Each nonce is handed out once and
 * copied out of the pool, so no two ciphertexts share one.
 */
function nonceSource(): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset >= pool.length) {
      pool = randomBytes(IV_BYTES * IVS_PER_FILL);
      offset = 0;
    }
    const iv = Buffer.from(pool.subarray(offset, offset + IV_BYTES));
    offset += IV_BYTES;
    return iv;
  };
}

export function createCipher(dataKeys: Map<number, Buffer>, indexKey: Buffer): Cipher {
  const current = Math.max(...dataKeys.keys());
  const nextIv = nonceSource();
  return {
    currentVersion: current,
    encrypt(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', dataKeys.get(current)!, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        `v${current}`,
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    decrypt(token) {
      const [version, iv, tag, body] = token.split('.');
      const key = dataKeys.get(Number(version?.slice(1)));
      if (!key || !iv || !tag || body === undefined) throw new Error('undecryptable field');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    blindIndex(normalised) {
      return createHmac('sha256', indexKey).update(normalised, 'utf8').digest();
    },
  };
}

export function sha256(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
