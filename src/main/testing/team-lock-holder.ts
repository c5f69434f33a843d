// A separate process that takes a team deploy lock and keeps renewing it until it is killed: the
// crash tests kill -9 it and watch the server free the lock when the lease ends.
// Usage: node team-lock-holder.ts  (COCKPIT_TEAM_URL, LOCK_PROJECT, LOCK_ENVIRONMENT, LOCK_LEASE_SECONDS)
import { openTeamClient } from '../engine/team/team-client.ts';
import { holdDeployLock } from '../engine/team/team-locks.ts';
import { parseTeamUrl } from '../engine/team/team-connection.ts';

const parsed = parseTeamUrl(process.env.COCKPIT_TEAM_URL ?? '');
const client = await openTeamClient(parsed);
const held = await holdDeployLock(client, {
  project: process.env.LOCK_PROJECT ?? 'shop',
  environment: process.env.LOCK_ENVIRONMENT ?? 'production',
  leaseSeconds: Number(process.env.LOCK_LEASE_SECONDS ?? 3),
});
if (!('token' in held)) {
  process.stdout.write(`refused held by ${held.holder}\n`);
  process.exit(1);
}
process.stdout.write(`held ${held.token}\n`);
process.stdout.write(`lost ${await held.lost}\n`);
process.exit(2);
