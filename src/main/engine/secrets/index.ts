// The secrets feature's public entry: what other features, the composition root (engine.ts,
// handlers.ts) and the hosts may use. Everything else in this folder is private to it.
export { aesGcmCipher, SECRET_KEY_BYTES, type SecretCipher } from './cipher.ts';
export {
  createFileExclusively,
  fileKeyCipher,
  hostCipher,
  SAFE_STORAGE_KEY_ID,
  type SuppliedKey,
} from './file-key.ts';
export { createSecretStore, type SecretStore } from './secret-store.ts';
