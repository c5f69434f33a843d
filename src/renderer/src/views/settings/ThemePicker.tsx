// System / Light / Dark as a radio group (arrow keys move between them, as radios do).
import { themePreferences, type ThemePreference } from '../../theme/theme-preference.ts';
import { useCockpit } from '../../stores/store-context.tsx';

const labels: Record<ThemePreference, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemePicker() {
  const preference = useCockpit((state) => state.themePreference);
  const setPreference = useCockpit((state) => state.setThemePreference);
  return (
    <fieldset className="theme-picker">
      <legend className="field-label">Theme</legend>
      <div className="theme-segmented">
        {themePreferences.map((option) => (
          <label key={option} className="theme-option">
            <input
              type="radio"
              name="theme"
              value={option}
              checked={preference === option}
              onChange={() => setPreference(option)}
            />
            <span>{labels[option]}</span>
          </label>
        ))}
      </div>
      <p className="field-hint">System follows your operating system's light or dark setting.</p>
    </fieldset>
  );
}
