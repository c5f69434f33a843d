// Whether a workflow's trigger filters (`on.push.branches`, `tags`, `paths` and their `-ignore`
// forms, `on.pull_request.branches`) let an event through, with GitHub's pattern language: `*` any
// characters but `/`, `**` any characters, `?` and `+` (zero or one, one or more of what precedes), `[...]`, and `!pattern` to exclude again
// (later patterns win over earlier ones).

export interface EventFilters {
  branches?: string[];
  'branches-ignore'?: string[];
  tags?: string[];
  'tags-ignore'?: string[];
  paths?: string[];
  'paths-ignore'?: string[];
  types?: string[];
}

/** What the local git state says about the event. */
export interface EventFacts {
  /** `branch` or `tag`. */
  refType: 'branch' | 'tag';
  /** The branch or tag name the filters see (pull_request: the base branch). */
  refName: string;
  /** Files changed by the event; null when git could not say (path filters then let it through). */
  changedFiles: string[] | null;
}

/** null when the event passes the filters, else why not (for the run view). */
export function filterVerdict(
  event: string,
  filters: EventFilters | undefined,
  facts: EventFacts,
): string | null {
  if (!filters) return null;
  const refWord = event === 'pull_request' ? 'base branch' : facts.refType;
  const { refType, refName } = facts;
  const hasBranchFilter = filters.branches !== undefined || filters['branches-ignore'] !== undefined;
  const hasTagFilter = filters.tags !== undefined || filters['tags-ignore'] !== undefined;
  if (refType === 'branch' || event === 'pull_request') {
    // A push filtered only by tags does not run for branches (and the other way round).
    if (event === 'push' && !hasBranchFilter && hasTagFilter)
      return `on.${event} lists only tags, and this is a push of the branch ${refName}`;
    if (filters.branches && !matchesAny(filters.branches, refName))
      return `on.${event}.branches (${filters.branches.join(', ')}) does not match the ${refWord} ${refName}`;
    if (filters['branches-ignore'] && matchesAny(filters['branches-ignore'], refName))
      return `on.${event}.branches-ignore (${filters['branches-ignore'].join(', ')}) matches the ${refWord} ${refName}`;
  } else {
    if (!hasTagFilter && hasBranchFilter)
      return `on.${event} lists only branches, and this is a push of the tag ${refName}`;
    if (filters.tags && !matchesAny(filters.tags, refName))
      return `on.${event}.tags (${filters.tags.join(', ')}) does not match the tag ${refName}`;
    if (filters['tags-ignore'] && matchesAny(filters['tags-ignore'], refName))
      return `on.${event}.tags-ignore (${filters['tags-ignore'].join(', ')}) matches the tag ${refName}`;
  }
  const files = facts.changedFiles;
  if (files !== null) {
    if (filters.paths && !files.some((file) => matchesAny(filters.paths!, file)))
      return files.length === 0
        ? `on.${event}.paths is set and no file changed`
        : `on.${event}.paths (${filters.paths.join(', ')}) matches none of the ${files.length} changed file${files.length === 1 ? '' : 's'}`;
    if (
      filters['paths-ignore'] &&
      files.length > 0 &&
      files.every((file) => matchesAny(filters['paths-ignore']!, file))
    )
      return `on.${event}.paths-ignore (${filters['paths-ignore'].join(', ')}) matches every changed file`;
  }
  return null;
}

/** Whether the name is included by the patterns; `!pattern` excludes what earlier ones included. */
export function matchesAny(patterns: string[], name: string): boolean {
  let included = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (included && globToRegExp(pattern.slice(1)).test(name)) included = false;
    } else if (!included && globToRegExp(pattern).test(name)) included = true;
  }
  return included;
}

const cache = new Map<string, RegExp>();

/** GitHub's filter pattern as a regular expression over the whole name. */
export function globToRegExp(pattern: string): RegExp {
  let found = cache.get(pattern);
  if (found) return found;
  // Atoms, so `+` (one or more of what precedes it) applies to the last one.
  const atoms: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `**/` also matches no folder at all.
        if (pattern[i + 1] === '/') {
          i++;
          atoms.push('(?:.*/)?');
        } else atoms.push('.*');
      } else atoms.push('[^/]*');
    } else if (c === '?' && atoms.length > 0) atoms.push(`(?:${atoms.pop()!})?`);
    else if (c === '+' && atoms.length > 0) atoms.push(`(?:${atoms.pop()!})+`);
    else if (c === '[' && pattern.indexOf(']', i + 1) !== -1) {
      const end = pattern.indexOf(']', i + 1);
      atoms.push(`[${pattern.slice(i + 1, end).replace(/\\/g, '\\\\')}]`);
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) atoms.push(escape(pattern[++i]!));
    else atoms.push(escape(c));
  }
  const out = atoms.join('');
  found = new RegExp(`^${out}$`);
  if (cache.size > 500) cache.clear();
  cache.set(pattern, found);
  return found;
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
