// The one rule for an override's reason, decided by the engine (the protocol refuses a request whose
// reason breaks it) and carried in deploy previews so clients can say it before sending: at least
// three words and ten characters — enough to say why in the audit log, not a single "hotfix".
export const overrideRule = {
  minWords: 3,
  minChars: 10,
  maxChars: 2000,
  text: 'Say why in a few words (3 or more): the reason and your name go into the audit log.',
} as const;

/** What is wrong with an override reason, in a sentence; null when it will do. */
export function overrideReasonProblem(reason: string): string | null {
  const text = reason.trim();
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0) return 'Say why the gates may be skipped: it is recorded in the audit log.';
  if (words.length < overrideRule.minWords || text.length < overrideRule.minChars) {
    return `A few words at least, please (${overrideRule.minWords} or more).`;
  }
  if (text.length > overrideRule.maxChars) return `At most ${overrideRule.maxChars} characters, please.`;
  return null;
}
