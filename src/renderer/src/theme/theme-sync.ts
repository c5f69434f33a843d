// Applies the theme to <html data-theme> from the preference and, for 'system', the OS setting.
import type { CockpitStore } from '../stores/cockpit-store.ts';
import type { ResolvedTheme, ThemePreference } from './theme-preference.ts';

const darkQuery = '(prefers-color-scheme: dark)';

export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

/** Applies now and on every change; returns a function that stops following. */
export function startThemeSync(store: CockpitStore): () => void {
  const media = window.matchMedia(darkQuery);
  const apply = () => {
    const theme = resolveTheme(store.getState().themePreference, media.matches);
    document.documentElement.dataset.theme = theme;
  };
  apply();
  media.addEventListener('change', apply);
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.themePreference !== previous.themePreference) apply();
  });
  return () => {
    media.removeEventListener('change', apply);
    unsubscribe();
  };
}
