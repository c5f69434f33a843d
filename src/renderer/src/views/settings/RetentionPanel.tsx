// Retention: how long runs (with logs and artifacts) and raw check results are kept, and how long
// after a production deploy a failure still counts against it. Checked on each field as typed
// (stores/settings-form.ts), saved with one button; the engine's refusal is shown as it says it.
import { useId, useState } from 'react';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import {
  checkRetentionForm,
  retentionFormChanged,
  retentionFormOf,
  RETENTION_LIMITS,
  type RetentionErrors,
  type RetentionField,
  type RetentionForm,
} from '../../stores/settings/settings-form.ts';
import { useCockpit } from '../../stores/store-context.tsx';

export function RetentionPanel() {
  const settings = useCockpit((state) => state.settings);
  const error = useCockpit((state) => state.settingsError);
  return (
    <section className="panel" aria-labelledby="retention-title" data-testid="retention-settings">
      <h2 id="retention-title" className="panel-title">
        Retention
      </h2>
      {settings ? (
        <RetentionFormView
          key={`${settings.runRetentionDays}/${settings.checkRetentionDays}/${settings.changeFailureWindowHours}`}
        />
      ) : (
        <LoadingLine failure={error ? `Could not read the settings: ${error}` : null}>Loading…</LoadingLine>
      )}
    </section>
  );
}

/** Keyed by the saved values: a change saved elsewhere (settings.changed) resets the form. */
function RetentionFormView() {
  const settings = useCockpit((state) => state.settings)!;
  const saving = useCockpit((state) => state.settingsSaving === 'retention');
  const save = useCockpit((state) => state.saveSettings);
  const notify = useCockpit((state) => state.notify);
  const [form, setForm] = useState<RetentionForm>(() => retentionFormOf(settings));
  const [errors, setErrors] = useState<RetentionErrors>({});
  const [engineError, setEngineError] = useState<string | null>(null);
  const ids = { run: useId(), check: useId(), window: useId(), forever: useId() };
  const changed = retentionFormChanged(form, settings);

  const update = (patch: Partial<RetentionForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    setEngineError(null);
    // Once Save has shown messages, they follow the typing (a fixed field's message goes at once).
    if (Object.keys(errors).length > 0) {
      const checked = checkRetentionForm(next);
      setErrors(checked.ok ? {} : checked.errors);
    }
  };

  const onSubmit = async () => {
    if (saving || !changed) return;
    const checked = checkRetentionForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const failure = await save('retention', checked.value);
    setEngineError(failure);
    if (failure === null) notify('success', 'Retention settings saved.');
  };

  const field = (name: RetentionField, id: string, label: string, hint: string, disabled = false) => {
    const limits = RETENTION_LIMITS[name];
    const message = errors[name];
    return (
      <div className="field settings-field">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <div className="settings-number">
          <input
            id={id}
            className="input settings-number-input"
            inputMode="numeric"
            value={form[name]}
            disabled={disabled}
            aria-invalid={message !== undefined}
            aria-describedby={`${id}-hint${message ? ` ${id}-error` : ''}`}
            onChange={(event) => update({ [name]: event.target.value })}
          />
          <span className="settings-unit">{limits.unit}</span>
        </div>
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
        {message ? (
          <p id={`${id}-error`} className="field-error">
            {message}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <fieldset className="settings-fieldset">
        <legend className="field-label">Pipeline runs</legend>
        <label className="checkbox-label" htmlFor={ids.forever}>
          <input
            id={ids.forever}
            type="checkbox"
            checked={form.keepRunsForever}
            onChange={(event) => update({ keepRunsForever: event.target.checked })}
          />
          Keep runs forever
        </label>
        {field(
          'runRetentionDays',
          ids.run,
          'Delete runs older than',
          'Runs with their logs and artifacts; 1 to 3,650 days.',
          form.keepRunsForever,
        )}
      </fieldset>
      {field(
        'checkRetentionDays',
        ids.check,
        'Keep raw check results for',
        'Each environment check’s result; the hourly and per-minute summaries stay. 1 to 90 days.',
      )}
      {field(
        'changeFailureWindowHours',
        ids.window,
        'Change failure window',
        'A production deploy counts as failed when an incident, a rollback or a fix follows within this. 1 to 720 hours.',
      )}
      {engineError ? (
        <p className="inline-alert" role="alert">
          {engineError}
        </p>
      ) : null}
      <div className="settings-actions">
        <button type="submit" className="button button-primary" aria-disabled={saving || !changed}>
          {saving ? <Spinner /> : null}
          Save
        </button>
        <p className="field-hint">Shorter retention applies at the next housekeeping pass.</p>
      </div>
    </form>
  );
}
