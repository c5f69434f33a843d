// The params form shown before running a pipeline that has params: defaults prefilled, required
// ones marked, choices as a select, booleans as checkboxes; problems appear on their fields. A GitHub
// workflow with several events offers the event too (its inputs belong to workflow_dispatch).
import { useId, type FormEvent } from 'react';
import type { ParamInfo } from '../../../../shared/domain/run.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { Modal } from '../../components/Modal.tsx';
import { eventChoices } from '../../stores/runs/run-launch-slice.ts';
import { useCockpit } from '../../stores/store-context.tsx';

export function RunParamsDialog({ projectId, pipeline }: { projectId: number; pipeline: string }) {
  const info = useCockpit((state) =>
    state.pipelinesProjectId === projectId ? state.pipelines?.find((p) => p.name === pipeline) : undefined,
  );
  const params = info?.params;
  const events = eventChoices(info);
  const event = useCockpit((state) => state.runFormEvent);
  const setEvent = useCockpit((state) => state.setRunEvent);
  const eventId = useId();
  // A GitHub workflow's inputs are those of workflow_dispatch.
  const showParams = events.length === 0 || event === 'workflow_dispatch';
  const starting = useCockpit((state) => state.runStarting !== null);
  const formError = useCockpit((state) => state.runFormError);
  const submit = useCockpit((state) => state.submitRunForm);
  const closeDialog = useCockpit((state) => state.closeDialog);
  const errorId = useId();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!starting) void submit();
  };

  return (
    <Modal
      title={`Run ${pipeline}`}
      description={
        events.length > 0 ? (
          <p>
            Choose the event the workflow runs for; branch and path filters are judged on this repository.
          </p>
        ) : (
          <p>Set the params for this run. They reach the jobs as COCKPIT_PARAM_* variables.</p>
        )
      }
      onClose={closeDialog}
    >
      <form className="run-params-form" onSubmit={onSubmit} noValidate aria-busy={starting}>
        {events.length > 0 ? (
          <div className="field">
            <label className="field-label" htmlFor={eventId}>
              Event
            </label>
            <select
              id={eventId}
              name="event"
              className="input select"
              value={event ?? events[0]}
              onChange={(change) => setEvent(change.target.value)}
            >
              {events.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {showParams ? (params ?? []).map((param) => <ParamField key={param.name} param={param} />) : null}
        {formError ? (
          <p id={errorId} className="field-error run-params-error" role="alert">
            {formError}
          </p>
        ) : null}
        <DialogFooter onCancel={closeDialog} submitting={starting} submitLabel="Run" />
      </form>
    </Modal>
  );
}

function ParamField({ param }: { param: ParamInfo }) {
  const value = useCockpit((state) => state.runFormValues[param.name]);
  const error = useCockpit((state) => state.runFormFieldErrors[param.name]);
  const setParam = useCockpit((state) => state.setRunParam);
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [param.description || param.pattern ? hintId : null, error ? errorId : null]
    .filter(Boolean)
    .join(' ');
  const hint =
    param.description || param.pattern ? (
      <p id={hintId} className="field-hint">
        {param.description}
        {param.description && param.pattern ? ' ' : ''}
        {param.pattern ? (
          <>
            Must match <code className="mono">/{param.pattern}/</code>.
          </>
        ) : null}
      </p>
    ) : null;
  const errorText = error ? (
    <p id={errorId} className="field-error" role="alert">
      {error}
    </p>
  ) : null;

  if (param.type === 'boolean') {
    return (
      <div className="field field-checkbox">
        <label className="checkbox-label">
          <input
            type="checkbox"
            name={param.name}
            checked={value === true}
            onChange={(event) => setParam(param.name, event.target.checked)}
            aria-describedby={describedBy || undefined}
          />
          <span className="mono">{param.name}</span>
        </label>
        {hint}
        {errorText}
      </div>
    );
  }

  const label = (
    <label className="field-label" htmlFor={id}>
      <span className="mono">{param.name}</span>
      {param.required ? (
        <span className="field-required" aria-hidden="true">
          {' '}
          *
        </span>
      ) : null}
      {param.required ? <span className="visually-hidden"> (required)</span> : null}
    </label>
  );
  const text = typeof value === 'string' ? value : '';

  if (param.type === 'choice') {
    return (
      <div className="field">
        {label}
        <select
          id={id}
          name={param.name}
          className="input select"
          value={text}
          onChange={(event) => setParam(param.name, event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
        >
          {text === '' ? (
            <option value="" disabled>
              Choose…
            </option>
          ) : null}
          {(param.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        {hint}
        {errorText}
      </div>
    );
  }

  return (
    <div className="field">
      {label}
      <input
        id={id}
        name={param.name}
        className="input"
        type="text"
        value={text}
        onChange={(event) => setParam(param.name, event.target.value)}
        required={param.required}
        aria-required={param.required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        autoComplete="off"
        spellCheck={false}
      />
      {hint}
      {errorText}
    </div>
  );
}
