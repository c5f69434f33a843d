// The SQL a database administrator runs once to set up a team store (`cockpit team init` prints it):
// the schema owner, the database, the member group, one login role per person and approver groups.
// Printed, never applied by the cockpit: creating roles needs the server's administrator.
import pg from 'pg';

export interface TeamSetup {
  owner: string;
  database: string;
  members: string[];
  /** Approver groups: name → members (who must also be in `members`). */
  approvers: Record<string, string[]>;
}

export const MEMBER_GROUP = 'cockpit_member';

export function teamSetupSql(setup: TeamSetup): string {
  const id = (name: string) => pg.escapeIdentifier(name);
  const lines = [
    '-- Release Cockpit team store: run once as a PostgreSQL superuser (psql -f), then let the owner',
    "-- run `cockpit team migrate`. Set each password with psql's \\password ROLE (never in this file).",
    `CREATE ROLE ${id(setup.owner)} LOGIN;`,
    `CREATE DATABASE ${id(setup.database)} OWNER ${id(setup.owner)};`,
    // The group is cluster-wide: a second team database on the same server reuses it.
    `DO $$ BEGIN CREATE ROLE ${id(MEMBER_GROUP)} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`,
  ];
  for (const member of setup.members)
    lines.push(`CREATE ROLE ${id(member)} LOGIN IN ROLE ${id(MEMBER_GROUP)};`);
  for (const [group, members] of Object.entries(setup.approvers)) {
    lines.push(`CREATE ROLE ${id(group)} NOLOGIN;`);
    if (members.length > 0) lines.push(`GRANT ${id(group)} TO ${members.map(id).join(', ')};`);
  }
  lines.push(
    `-- After \`cockpit team migrate\`, the owner names who approves each environment, e.g.:`,
    `-- INSERT INTO cockpit.environment_approvers (project, environment, approver_role) VALUES ('shop', 'production', ${pg.escapeLiteral(Object.keys(setup.approvers)[0] ?? 'release_managers')});`,
  );
  return `${lines.join('\n')}\n`;
}
