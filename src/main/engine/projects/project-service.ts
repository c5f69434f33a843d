// Projects: folders with a cockpit.yml, GitHub workflows or a .gitlab-ci.yml. Adding, listing,
// removing and refreshing their facts.
import { existsSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { FolderInspection, Project } from '../../../shared/domain/project.ts';
import { badRequest, CockpitError } from '../../../shared/errors.ts';
import type { Clock } from '../kernel/clock.ts';
import { CONFIG_FILE_NAME, type ConfigSource, loadConfig, starterConfig } from '../config/index.ts';
import { ciFilesIn, discoverPipelines, workingTreeFiles } from '../pipelines/index.ts';
import type { EventBus } from '../kernel/events.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import type { ProjectFacts, ProjectsRepo } from './projects-repo.ts';
import { ensureDemoRepository } from './demo-project.ts';
import { readGitFacts } from '../kernel/git/git-facts.ts';

export interface ProjectServiceDeps {
  repo: ProjectsRepo;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  dataDir: string;
  examplesDir: string;
  /** The configuration each project acts on (the last good one while the file is invalid). */
  configs: ConfigSource;
}

export type ProjectService = ReturnType<typeof createProjectService>;

export function createProjectService({
  repo,
  clock,
  events,
  logger,
  dataDir,
  examplesDir,
  configs,
}: ProjectServiceDeps) {
  /** A project added a moment ago has no id yet: its file alone says what it is. */
  function configFacts(path: string, id: number | null) {
    if (id !== null) return configs.load({ id, path });
    const result = loadConfig(path);
    return { ...result, config: result.status === 'ok' ? result.config : null };
  }

  async function factsFor(path: string, fallbackName: string, id: number | null): Promise<ProjectFacts> {
    const config = configFacts(path, id);
    const git = await readGitFacts(path);
    // While the file is invalid, the name stays the one of the configuration still in use.
    const name = config.config?.name ?? fallbackName;
    // Problems of GitHub workflows and .gitlab-ci.yml show on the project too, each at file:line:col.
    const files = workingTreeFiles(path);
    const foreign = ciFilesIn(files).length
      ? (await discoverPipelines(files)).filter((p) => p.source !== 'cockpit').flatMap((p) => p.problems)
      : [];
    return {
      name,
      configStatus: config.status,
      configProblems: [...config.problems, ...foreign],
      git,
      checkedAt: clock.now(),
    };
  }

  /**
   * Brings each project's stored cockpit.yml status in step with the file (cheap: parses are cached
   * by text), so a list never shows an error that was fixed, nor hides one made since.
   */
  function listFresh(): Project[] {
    const changed: number[] = [];
    const projects = repo.list().map((project) => {
      const config = configs.load(project);
      // The problems of CI files (GitHub workflows, .gitlab-ci.yml) are refreshed with the project.
      const own = join(project.path, CONFIG_FILE_NAME);
      const others = project.configProblems.filter((problem) => problem.file !== own);
      const problems = [...config.problems, ...others];
      const same =
        config.status === project.configStatus &&
        JSON.stringify(problems) === JSON.stringify(project.configProblems);
      if (same) return project;
      changed.push(project.id);
      return repo.updateConfig(project.id, config.status, problems) ?? project;
    });
    if (changed.length > 0) {
      logger.info('cockpit.yml changed', { ids: changed });
      events.emit('projects.changed', { reason: 'updated', ids: changed });
    }
    return projects;
  }

  function mustGet(id: number): Project {
    const project = repo.get(id);
    if (!project) throw new CockpitError('NOT_FOUND', `There is no project with id ${id}.`, { id });
    return project;
  }

  function inspect(rawPath: string): FolderInspection {
    const path = normalizeFolderPath(rawPath);
    const exists = existsSync(path);
    const isDirectory = exists && statSync(path).isDirectory();
    const canonical = isDirectory ? realpathSync(path) : path;
    return {
      path: canonical,
      exists,
      isDirectory,
      hasConfig: isDirectory && existsSync(join(canonical, CONFIG_FILE_NAME)),
      ciFiles: isDirectory ? ciFilesIn(workingTreeFiles(canonical)) : [],
      isGitRepo: isDirectory && existsSync(join(canonical, '.git')),
      alreadyAdded: repo.findByPath(canonical) !== undefined,
      suggestedName: basename(canonical) || canonical,
    };
  }

  async function add(params: { path: string; name?: string; createConfig?: boolean }): Promise<Project> {
    const folder = inspect(params.path);
    if (!folder.exists)
      throw new CockpitError('NOT_FOUND', `There is no folder at ${folder.path}.`, { path: folder.path });
    if (!folder.isDirectory) {
      throw badRequest(
        `${folder.path} is a file; a project is a folder.`,
        [{ path: 'path', message: 'a file, not a folder' }],
        { path: folder.path },
      );
    }
    const existing = repo.findByPath(folder.path);
    if (existing) {
      throw new CockpitError('CONFLICT', `${folder.path} is already in the cockpit as "${existing.name}".`, {
        id: existing.id,
      });
    }
    const name = params.name ?? folder.suggestedName;
    if (!folder.hasConfig && (params.createConfig || folder.ciFiles.length === 0)) {
      if (!params.createConfig) {
        throw new CockpitError(
          'CONFIG_MISSING',
          `${folder.path} has no ${CONFIG_FILE_NAME}. Create a starter one to add it as a project.`,
          { path: folder.path, canCreate: true },
        );
      }
      writeFileSync(join(folder.path, CONFIG_FILE_NAME), starterConfig(name), { flag: 'wx' });
      logger.info('wrote a starter cockpit.yml', { path: folder.path });
    }
    const facts = await factsFor(folder.path, name, null);
    if (params.name) facts.name = params.name;
    const inserted = repo.insert(folder.path, clock.now(), facts);
    configs.load(inserted); // keeps it as the last good configuration when it is valid
    const project = repo.get(inserted.id) ?? inserted;
    logger.info('project added', { id: project.id, path: project.path, configStatus: project.configStatus });
    events.emit('projects.changed', { reason: 'added', ids: [project.id] });
    return project;
  }

  async function refresh(id: number): Promise<Project> {
    const project = mustGet(id);
    const facts = await factsFor(project.path, project.name, id);
    const updated = repo.update(id, facts) ?? project;
    events.emit('projects.changed', { reason: 'updated', ids: [id] });
    return updated;
  }

  return {
    list: () => repo.list(),
    listFresh,
    get: mustGet,
    inspect,
    add,
    refresh,
    remove(id: number) {
      const project = mustGet(id);
      repo.remove(id);
      configs.forget(id);
      logger.info('project removed', { id, path: project.path });
      events.emit('projects.changed', { reason: 'removed', ids: [id] });
      return { id };
    },
    async openDemo(): Promise<Project> {
      const path = await ensureDemoRepository(examplesDir, dataDir);
      const existing = repo.findByPath(realpathSync(path));
      return existing ? refresh(existing.id) : add({ path });
    },
  };
}

/** Accepts ~ and relative paths (relative to the home folder, since a GUI has no working directory). */
export function normalizeFolderPath(raw: string): string {
  const trimmed = raw.trim();
  const expanded =
    trimmed === '~' ? homedir() : trimmed.startsWith('~/') ? join(homedir(), trimmed.slice(2)) : trimmed;
  return isAbsolute(expanded) ? resolve(expanded) : resolve(homedir(), expanded);
}
