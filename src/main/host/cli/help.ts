// The text of `cockpit --help`.

export const helpText = `Release Cockpit — local pipelines, remote environments and releases, from one cockpit.

Usage: cockpit [--verbose] [--data-dir DIR] <command> [options]

The project is --project DIR, else the current folder or the nearest parent with a cockpit.yml,
.gitlab-ci.yml or .github/workflows (added to the cockpit on first use).

Commands:
  serve [--port N] [--host H] [--allow-host NAME]... [--demo] [--open]
                                    Serve the app and its API on http://127.0.0.1 (prints a URL with a token).
                                    --host 0.0.0.0 serves other machines too (warns: anyone who can reach it and
                                    has the token gets in); they may use this machine's addresses and names, and
                                    each --allow-host NAME (e.g. a DNS alias). The URL to open there is printed.
                                    --demo adds the demo project when there is none; --open opens the browser.
  projects list [--json]            List projects.
  projects add <dir> [--name NAME] [--init]
                                    Add a folder as a project; --init writes a starter cockpit.yml if it has none.
  projects remove <id|dir>          Forget a project (its folder is not touched).
  pipelines [--project DIR] [--json] List the project's pipelines (cockpit.yml, github/<workflow>, gitlab),
                                    their jobs in waves, params, and the problems of files that do not parse.
  run <pipeline> [--param NAME=VALUE]... [--project DIR] [--job NAME]... [--with-needs] [--event E] [--dry-run]
                                    Run a pipeline here, printing each job's output; --dry-run checks params, jobs
                                    and secrets exactly as a run would, then prints the plan (jobs, matrix
                                    combinations, needs, manual jobs, what is skipped and why) without running it.
                                    github/<workflow> runs a GitHub workflow (--event push|pull_request|
                                    schedule|workflow_dispatch, default push; --skip-unavailable-actions skips
                                    actions not available offline instead of failing); gitlab runs .gitlab-ci.yml. Exit code 0 when the run succeeds, 1 otherwise.
                                    Ctrl+C cancels the run.
  play <run-id> <job>               Play a manual job of a run and follow the run until it is done again.
  runs [--project DIR] [--limit N] [--json]
                                    Run history, newest first.
  logs <run-id> [--job NAME] [--attempt N]
                                    Print a run's stored logs.
  artifacts <run-id> [--json] [--out DIR]
                                    A run's artifacts (job, path, size, sha256, or why retention removed one);
                                    --out copies them to DIR/<job>/<path>, checking each sha256.
  secrets list|set NAME|delete NAME [--project DIR]
                                    A project's secrets; set reads the value from stdin (or asks, hidden).
  status [--project DIR] [--json] [--cached]
                                    Every environment at a glance (checks those with no fresh result first,
                                    unless --cached). Exit code 3 when a production environment is down,
                                    stale or never checked; 5 when a project's cockpit.yml is invalid (named
                                    with file:line:col; its last good configuration is still watched); else 0.
  check <environment> [--project DIR] [--json]
                                    Run an environment's checks now and print the result (exit 3 if down).
  deploy <env> [--version V] [--pipeline NAME] [--param NAME=VALUE]... [--fix] [request options]
                                    Deploy (default: HEAD) to an environment: prints the plan and each gate, then
                                    follows the deploy until it is verified. Waits for approval when the gates say so.
  promote <from> [<to>] [request options]
                                    Deploy the version running in <from> to <to> (default: next in the lifecycle).
  rollback <env> [--to VERSION] [--dry-run] [request options]
                                    Redeploy a release that was live there before (default: the previous one;
                                    deployed, or first seen by the monitor). --dry-run prints the target, its
                                    gates and every release --to can name, and requests nothing.
      request options: --project DIR, --override "reason" (deploy although gates fail; audited),
                       --queue (wait for the environment's deploy lock instead of failing).
                       The deploy runs in this process, which follows it until it ends; Ctrl+C cancels it.
  diff <env> [<version>] [--project DIR] [--json]
                                    What deploying a version (default: HEAD) to <env> would change against what is
                                    live there: commits (type, author), files (+/-), declared config variables
                                    (diff.variables; secret values hidden). Requests nothing.
  approve <deployment-id> --comment "…" [--reject]
                                    Approve (or reject) a deployment; the last approval needed starts it here.
                                    The comment is required unless the environment's gates say
                                    comment_required: false (a rejection always needs one).
  start <deployment-id> [--override "reason"]
                                    Start an approved deployment that a gate (a freeze) held back.
  deployments [--project DIR] [--env E] [--limit N] [--json]
                                    Deployment history, newest first.
  releases [--project DIR] [--json] The releases captured (built once, shipped as built), newest first: version,
                                    commit, when and by whom, the run that built it, files, one sha256 over
                                    them all, and the environments whose last deploy shipped it.
  release capture <run-id> [--project DIR] [--json]
                                    Capture a successful run's build (its artifacts) as its commit's release;
                                    a commit captured before keeps its release (exit 1 if the run cannot be one).
  notes <from-version> <to-version> [--project DIR] [--json]
                                    Release notes between two versions as Markdown ("none" for a first release).
  audit [--project DIR] [--limit N] [--json]
                                    The audit log, newest first.
  audit verify                      Check the audit log's hash chain and print its head (exit 1 when an entry was changed or removed).
  notifications [--failed | --pending] [--project DIR] [--limit N] [--json]
                                    Notifications sent (webhook, Slack, Teams, email): sent or failed, why, attempts.
  notifications send [--json]       Send what is waiting now (when no app or cockpit serve runs); exit 1 if an attempt failed.
  report [--since 30d|2026-11-01] [--until T] [--project DIR] [--version V] [--format md|html|csv]
         [--table deployments|runs|incidents] [--out FILE]
                                    A release report (default: Markdown, the last 30 days, all projects) or a CSV
                                    table; --out writes the file (format from its extension) and prints its path.
  live-at <time> [--json]           Every environment's version and health at a past moment ("2026-11-20T14:00",
                                    local time unless it ends in Z or an offset; or a span back: "3d").
  evidence <deployment-id> [--json] Write a deployment's evidence pack (.tar.gz: record, notes, audit, logs, hashes,
                                    health) to the data directory; prints its path, size and sha256.
  db move-aside                     Rename a damaged database aside so the next start begins fresh.
  team connect postgres://USER@HOST:PORT/DB
                                    Team mode: share deployments, approvals, locks and audit on PostgreSQL
                                    (docs/team-mode.md). The password is asked for and saved encrypted, never the URL's.
  team status [--json]              Server, version, role, latency, migration level, deploy-lock holders.
  team migrate                      Bring the team store's schema up to date (run by its schema owner).
  team disconnect                   Leave team mode (or unset COCKPIT_TEAM_URL); local data is untouched.
  team init [--owner R] [--database D] [--member R]... [--approvers GROUP=R,R]...
                                    Print the SQL an administrator runs once to set up the server's roles.

Global options:
  --data-dir DIR    Data directory (default: $COCKPIT_DATA_DIR, else the platform's app-data folder).
  --verbose         Print debug logging to stderr as well as to the log file.
  --help, -h        Show this help.
  --version, -v     Print the version.

Exit codes: 0 ok, 1 failure, 2 usage error, 3 production unhealthy (status, check),
4 blocked by gates (deploy, promote, rollback, approve, start), 5 data directory or database unusable
(locked, damaged, newer), 6 a file named on the command line cannot be read or written, 7 a cockpit.yml
is invalid (status), 70 internal error (the message names an id to find in the diagnostic log).
A mistyped command or option gets the closest known one: unknown command "staus" (did you mean "status"?).
`;
