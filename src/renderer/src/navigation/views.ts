// The app's views, in sidebar order: the one list the sidebar, the router and the shortcuts share.

export const views = [
  { id: 'board', label: 'Board' },
  { id: 'pipelines', label: 'Pipelines' },
  { id: 'environments', label: 'Environments' },
  { id: 'releases', label: 'Releases' },
  { id: 'insights', label: 'Insights' },
  { id: 'settings', label: 'Settings' },
] as const;

export type ViewId = (typeof views)[number]['id'];

export const defaultView: ViewId = 'board';

export function isViewId(value: string): value is ViewId {
  return views.some((view) => view.id === value);
}

export function viewLabel(id: ViewId): string {
  return views.find((view) => view.id === id)?.label ?? id;
}
