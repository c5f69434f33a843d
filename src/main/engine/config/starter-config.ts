// The cockpit.yml written when a user adds a folder that has none and accepts the offer.

export function starterConfig(projectName: string): string {
  return `# Release Cockpit configuration. Every key is documented in docs/config.md.
version: 1
name: ${JSON.stringify(projectName)}

# Local pipelines, run with the Run button or \`cockpit run <name>\`.
pipelines: {}

# Remote environments the cockpit polls for health and deployed version.
environments: []
`;
}
