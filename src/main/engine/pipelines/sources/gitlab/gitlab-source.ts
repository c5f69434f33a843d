// .gitlab-ci.yml as a pipeline source, named `gitlab`: jobs in stage order (a job without `needs`
// waits for every job of the earlier stages), each job two steps — before_script + script in one
// shell, then after_script — and `when: manual` jobs waiting to be played. The parser (and RE2 for
// `=~` rules) loads the first time a project has the file: most start-ups never need it.
import type { PipelineSource } from '../types.ts';

export const GITLAB_FILE = '.gitlab-ci.yml';
export const GITLAB_PIPELINE = 'gitlab';

export const gitlabSource: PipelineSource = {
  kind: 'gitlab',
  async discover(files) {
    const text = files.read(GITLAB_FILE);
    if (text === null) return [];
    return (await import('./gitlab-pipeline.ts')).discoverGitlab(files, text);
  },
  async compile(files, discovered, request) {
    return (await import('./gitlab-pipeline.ts')).compileGitlab(files, discovered, request);
  },
  runtime: async () => (await import('./gitlab-runtime.ts')).gitlabRuntime(),
};
