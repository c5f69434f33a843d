// What an environment alert says: "production (shop) is down: HTTP 503" and "production (shop)
// recovered after 4 m 12 s" — written once here, shown as the toast, the desktop notification and
// in the log alike.

export interface AlertFacts {
  kind: 'down' | 'recovered';
  environment: string;
  projectName: string;
  error: string | null;
  /** For a recovery: how long it was down (null when not known). */
  downForMs: number | null;
}

export function alertMessage(facts: AlertFacts): string {
  const who = `${facts.environment} (${facts.projectName})`;
  if (facts.kind === 'down') return `${who} is down: ${facts.error ?? 'failing checks'}`;
  return facts.downForMs === null
    ? `${who} recovered.`
    : `${who} recovered after ${outageSpan(facts.downForMs)}.`;
}

/** "45 s", "4 m 12 s", "1 h 3 m", "2 d 4 h": two units at most, to the second while short. */
export function outageSpan(ms: number): string {
  const seconds = Math.round(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} m` : `${minutes} m ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} m`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
