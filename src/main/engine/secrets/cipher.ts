// Seals secret values with AES-256-GCM before they reach SQLite. The key comes from the host (the
// app's is wrapped by the OS keychain, the CLI's lives in a 0600 file); this file only does the maths.
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

export interface SealedSecret {
  /** 12 random bytes, new for every value. */
  iv: Buffer;
  /** The 16-byte GCM authentication tag. */
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * Encrypts and decrypts secret values with one key.
 *
 * `aad` is additional authenticated data: not stored in the ciphertext but bound to it, so
 * decryption fails unless the same bytes are given again. The secret store passes the row's
 * identity (project, name, key id), so a ciphertext copied onto another row does not decrypt.
 */
export interface SecretCipher {
  /** Names the key; stored with every row (`secrets.key_id`) so each host reads only its own. */
  readonly keyId: string;
  encrypt(plain: Buffer, aad: Buffer): SealedSecret;
  /** Throws when the value was altered, belongs to another row, or was sealed with another key. */
  decrypt(sealed: SealedSecret, aad: Buffer): Buffer;
}

export const SECRET_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a random 12-byte IV per value (node:crypto). `key` must be 32 bytes. */
export function aesGcmCipher(keyId: string, key: Buffer): SecretCipher {
  if (key.length !== SECRET_KEY_BYTES) {
    throw new Error(`a secrets key must be ${SECRET_KEY_BYTES} bytes, got ${key.length}`);
  }
  // A KeyObject keeps its own copy: zeroing or reusing the caller's buffer does not change it.
  const secretKey: KeyObject = createSecretKey(Buffer.from(key));
  return {
    keyId,
    encrypt(plain, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secretKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad);
      const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
      return { iv, tag: cipher.getAuthTag(), ciphertext };
    },
    decrypt(sealed, aad) {
      if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) {
        throw new Error('the sealed value is malformed (wrong IV or tag length)');
      }
      const decipher = createDecipheriv('aes-256-gcm', secretKey, sealed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad);
      decipher.setAuthTag(sealed.tag);
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    },
  };
}
