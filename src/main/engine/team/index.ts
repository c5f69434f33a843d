// The team feature's public entry (team mode on PostgreSQL): what the hosts and other features may
// use. Everything else in this folder is private to it.
export { appendTeamAudit, verifyTeamAudit, type TeamAuditVerdict } from './team-audit.ts';
export { openTeamClient, TeamPasswordNeeded } from './team-client.ts';
export {
  forgetTeamConnection,
  parseTeamUrl,
  resolveTeamConnection,
  saveTeamConnection,
  type TeamConnection,
} from './team-connection.ts';
export { holdDeployLock, liveDeployLocks, type DeployLockHolder } from './team-locks.ts';
export { assertNotNewer, loadTeamMigrations, migrateTeamStore } from './team-migrations.ts';
export { teamSetupSql } from './team-setup-sql.ts';
export { readTeamStatus, type TeamStatus } from './team-status.ts';
