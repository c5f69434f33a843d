// The text of `cockpit --help`.

export const helpText = `Release Cockpit — local pipelines, remote environments and releases, from one cockpit.

Usage: cockpit [--verbose] [--data-dir DIR] <command> [options]

Commands:
  serve [--port N] [--host H]       Serve the app and its API on http://127.0.0.1 (prints a URL with a token).
                                    --host binds elsewhere (warns: anyone who can reach it and has the token gets in).
  projects list [--json]            List projects.
  projects add <dir> [--name NAME] [--init]
                                    Add a folder as a project; --init writes a starter cockpit.yml if it has none.
  projects remove <id|dir>          Forget a project (its folder is not touched).
  db move-aside                     Rename a damaged database aside so the next start begins fresh.

Global options:
  --data-dir DIR    Data directory (default: $COCKPIT_DATA_DIR, else the platform's app-data folder).
  --verbose         Print debug logging to stderr as well as to the log file.
  --help, -h        Show this help.
  --version, -v     Print the version.

Exit codes: 0 ok, 1 failure, 2 usage error.
`;
