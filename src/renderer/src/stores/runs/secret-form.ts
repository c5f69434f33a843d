// The quick checks the secret form makes before sending, the same rules the engine applies, so
// mistakes show on their field at once; the engine still decides.

/** A secret name becomes an environment variable name. */
export const SECRET_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_SECRET_VALUE_LENGTH = 65_536;

export interface SecretFormErrors {
  name?: string;
  value?: string;
}

export function checkSecretName(name: string): string | null {
  if (name === '') return 'Enter a name.';
  if (/^[0-9]/.test(name)) return 'A name cannot start with a digit.';
  if (!SECRET_NAME_PATTERN.test(name)) {
    return 'Use only letters, digits and underscores (no spaces, dashes or dots).';
  }
  return null;
}

export function checkSecretValue(value: string): string | null {
  if (value === '') return 'Enter a value.';
  if (value.length > MAX_SECRET_VALUE_LENGTH) {
    return `A value can be at most ${MAX_SECRET_VALUE_LENGTH.toLocaleString('en-US')} characters; this one has ${value.length.toLocaleString('en-US')}.`;
  }
  return null;
}

export function checkSecretForm(name: string, value: string): SecretFormErrors {
  const errors: SecretFormErrors = {};
  const nameError = checkSecretName(name);
  const valueError = checkSecretValue(value);
  if (nameError) errors.name = nameError;
  if (valueError) errors.value = valueError;
  return errors;
}
