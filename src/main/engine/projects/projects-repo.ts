// Prepared statements for the projects table; rows in, domain objects out.
import type { Database } from 'better-sqlite3';
import type { ConfigProblem, GitFacts, Project } from '../../../shared/domain/project.ts';
import { fieldsOf } from '../kernel/store/row-fields.ts';

interface ProjectRow {
  id: number;
  name: string;
  path: string;
  added_at: number;
  config_status: Project['configStatus'];
  config_problems: string;
  git_branch: string | null;
  git_head: string | null;
  git_dirty: 0 | 1 | null;
  is_git_repo: 0 | 1;
  checked_at: number;
  last_good_at: number | null;
}

export interface ProjectFacts {
  name: string;
  configStatus: Project['configStatus'];
  configProblems: ConfigProblem[];
  git: GitFacts | null;
  checkedAt: number;
}

export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;

export function createProjectsRepo(db: Database) {
  // The last good configuration matters only while the file is invalid.
  const select = `SELECT p.*, CASE WHEN p.config_status = 'invalid' THEN g.written_at END AS last_good_at
    FROM projects p LEFT JOIN project_last_good_config g ON g.project_id = p.id`;
  const selectAll = db.prepare<[], ProjectRow>(`${select} ORDER BY p.name COLLATE NOCASE, p.id`);
  const selectById = db.prepare<[number], ProjectRow>(`${select} WHERE p.id = ?`);
  const selectByPath = db.prepare<[string], ProjectRow>(`${select} WHERE p.path = ?`);
  const insert = db.prepare(
    `INSERT INTO projects (name, path, added_at, config_status, config_problems, git_branch, git_head, git_dirty, is_git_repo, checked_at)
     VALUES (@name, @path, @addedAt, @configStatus, @configProblems, @gitBranch, @gitHead, @gitDirty, @isGitRepo, @checkedAt)`,
  );
  const update = db.prepare(
    `UPDATE projects SET name = @name, config_status = @configStatus, config_problems = @configProblems,
       git_branch = @gitBranch, git_head = @gitHead, git_dirty = @gitDirty, is_git_repo = @isGitRepo, checked_at = @checkedAt
     WHERE id = @id`,
  );
  const updateConfig = db.prepare(
    'UPDATE projects SET config_status = @configStatus, config_problems = @configProblems WHERE id = @id',
  );
  const deleteById = db.prepare<[number]>('DELETE FROM projects WHERE id = ?');

  return {
    list: (): Project[] => selectAll.all().map(toProject),
    get: (id: number): Project | undefined => mapOptional(selectById.get(id)),
    findByPath: (path: string): Project | undefined => mapOptional(selectByPath.get(path)),
    insert(path: string, addedAt: number, facts: ProjectFacts): Project {
      const { lastInsertRowid } = insert.run({ path, addedAt, ...toColumns(facts) });
      return toProject(selectById.get(Number(lastInsertRowid))!);
    },
    update(id: number, facts: ProjectFacts): Project | undefined {
      update.run({ id, ...toColumns(facts) });
      return mapOptional(selectById.get(id));
    },
    updateConfig(
      id: number,
      configStatus: Project['configStatus'],
      configProblems: ConfigProblem[],
    ): Project | undefined {
      updateConfig.run({ id, configStatus, configProblems: JSON.stringify(configProblems) });
      return mapOptional(selectById.get(id));
    },
    remove: (id: number): boolean => deleteById.run(id).changes > 0,
  };
}

function toColumns(facts: ProjectFacts) {
  return {
    name: facts.name,
    configStatus: facts.configStatus,
    configProblems: JSON.stringify(facts.configProblems),
    gitBranch: facts.git?.branch ?? null,
    gitHead: facts.git?.headSha ?? null,
    gitDirty: facts.git ? (facts.git.dirty ? 1 : 0) : null,
    isGitRepo: facts.git ? 1 : 0,
    checkedAt: facts.checkedAt,
  };
}

function mapOptional(row: ProjectRow | undefined): Project | undefined {
  return row ? toProject(row) : undefined;
}

function toProject(row: ProjectRow): Project {
  return {
    ...fieldsOf(row, 'id, name, path, added_at, config_status'),
    configProblems: JSON.parse(row.config_problems) as ConfigProblem[],
    lastGoodConfigAt: row.last_good_at,
    git: row.is_git_repo
      ? { branch: row.git_branch, headSha: row.git_head, dirty: row.git_dirty === 1 }
      : null,
    checkedAt: row.checked_at,
  };
}
