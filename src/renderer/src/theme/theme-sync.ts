// Applies the theme to <html data-theme> from the preference and, for 'system', the OS setting.
import type { ResolvedTheme, ThemePreference } from './theme-preference.ts';

/** What the theme sync reads; the app's store has it (theme imports no store). */
export interface ThemeStore {
  getState(): { themePreference: ThemePreference };
  subscribe(
    listener: (
      state: { themePreference: ThemePreference },
      previous: { themePreference: ThemePreference },
    ) => void,
  ): () => void;
}

const darkQuery = '(prefers-color-scheme: dark)';

export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

/** Applies now and on every change; returns a function that stops following. */
export function startThemeSync(store: ThemeStore): () => void {
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
