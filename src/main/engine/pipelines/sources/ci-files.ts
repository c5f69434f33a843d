// The CI files of other tools a project has: GitHub workflows and .gitlab-ci.yml (relative paths).
import { WORKFLOWS_DIR } from './github/github-source.ts';
import { GITLAB_FILE } from './gitlab/gitlab-source.ts';
import type { ProjectFiles } from './types.ts';

export function ciFilesIn(files: ProjectFiles): string[] {
  const found = files
    .list(WORKFLOWS_DIR)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => `${WORKFLOWS_DIR}/${name}`);
  if (files.read(GITLAB_FILE) !== null) found.push(GITLAB_FILE);
  return found;
}
