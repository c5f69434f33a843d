// A string param's `pattern:` must match the whole value: the engine's rule (it refuses a run whose
// params break it), shared so the Run form says so before sending, with the same answer.

/** Whether `value` matches `pattern` as a whole; an invalid pattern is the config's problem (false). */
export function matchesParamPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}
