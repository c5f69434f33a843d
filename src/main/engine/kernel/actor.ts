// Who is acting, as recorded on runs, deployments, approvals and acknowledgements: the name set in
// COCKPIT_USER (a team's configured name), else the operating-system user.
import { userInfo } from 'node:os';

export function currentActor(): string {
  const configured = process.env.COCKPIT_USER?.trim();
  if (configured) return configured;
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** The operating-system account, whatever COCKPIT_USER says: kept beside the name for approvals. */
export function currentOsUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
