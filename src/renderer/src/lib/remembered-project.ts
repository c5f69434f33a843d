// A view's chosen project, remembered across restarts in localStorage (without storage, for the session).

export function loadRememberedProject(key: string): number | null {
  try {
    const stored = Number(localStorage.getItem(key));
    return Number.isInteger(stored) && stored > 0 ? stored : null;
  } catch {
    return null;
  }
}

export function rememberProject(key: string, projectId: number): void {
  try {
    localStorage.setItem(key, String(projectId));
  } catch {
    // Without storage the choice lasts for this session.
  }
}
