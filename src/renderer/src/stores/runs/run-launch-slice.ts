// Starting a pipeline run: straight away when the pipeline has no params, else through the params
// form (defaults prefilled, quick checks, the engine's BAD_REQUEST problems shown on their fields);
// then the run view opens.
import type { ParamInfo, ParamValue } from '../../../../shared/domain/run.ts';
import { isCockpitError, requestIssues } from '../../../../shared/errors.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import type { UiSlice } from '../app/ui-slice.ts';
import type { PipelinesSlice } from './pipelines-slice.ts';
import { humanMessage } from '../error-message.ts';
import {
  checkParamValues,
  defaultParamValues,
  paramsToSend,
  problemsByField,
  type FieldErrors,
  type ParamValues,
} from './run-params.ts';

export interface RunLaunchSlice {
  /** The pipeline being started ("projectId/name"), for a busy Run button. */
  runStarting: string | null;
  runFormValues: ParamValues;
  runFormFieldErrors: FieldErrors;
  runFormError: string | null;
  /** The event chosen in the form (GitHub workflows with several), or null. */
  runFormEvent: string | null;
  /** Opens the params form (or the event choice), or starts the run when there is nothing to ask. */
  requestRun: (projectId: number, pipeline: string) => void;
  setRunParam: (name: string, value: ParamValue) => void;
  setRunEvent: (event: string) => void;
  submitRunForm: () => Promise<void>;
}

export const runStartingKey = (projectId: number, pipeline: string) => `${projectId}/${pipeline}`;

/** The events a person can start a GitHub workflow for, in the order the dialog offers them. */
export const CHOOSABLE_EVENTS = ['push', 'pull_request', 'workflow_dispatch', 'schedule'];

/** A GitHub workflow's events to choose from (none for other pipelines, or a single event). */
export function eventChoices(
  pipeline: { source: { kind: string }; triggers: string[] } | undefined,
): string[] {
  if (!pipeline || pipeline.source.kind !== 'github') return [];
  const events = CHOOSABLE_EVENTS.filter((event) => pipeline.triggers.includes(event));
  return events.length > 1 ? events : [];
}

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'> &
  Pick<UiSlice, 'dialog' | 'openDialog' | 'closeDialog' | 'openRun'> &
  Pick<PipelinesSlice, 'pipelinesProjectId' | 'pipelines' | 'palettePipelines' | 'schedulePipelinesRefetch'>;

export const createRunLaunchSlice: SliceCreator<RunLaunchSlice, Uses> = (connection) => (set, get) => {
  /** The pipeline's params: from the Pipelines view, else from what the command palette loaded. */
  const paramsOf = (projectId: number, pipeline: string): ParamInfo[] | null => {
    if (get().pipelinesProjectId === projectId) {
      const shown = get().pipelines?.find((p) => p.name === pipeline)?.params;
      if (shown) return shown;
    }
    return get().palettePipelines.find((p) => p.projectId === projectId)?.params[pipeline] ?? null;
  };

  const eventsOf = (projectId: number, pipeline: string): string[] =>
    get().pipelinesProjectId === projectId
      ? eventChoices(get().pipelines?.find((p) => p.name === pipeline))
      : [];

  async function start(
    projectId: number,
    pipeline: string,
    params: Record<string, ParamValue> | undefined,
    event?: string,
  ) {
    const key = runStartingKey(projectId, pipeline);
    if (get().runStarting !== null) return;
    set({ runStarting: key, runFormError: null });
    try {
      const run = await connection.api.runs.start({
        projectId,
        pipeline,
        params,
        trigger: 'manual',
        ...(event ? { event } : {}),
      });
      set({ runStarting: null });
      if (get().dialog?.kind === 'run-pipeline') get().closeDialog();
      get().schedulePipelinesRefetch(projectId);
      get().openRun(run.id);
    } catch (error) {
      set({ runStarting: null });
      const inForm = get().dialog?.kind === 'run-pipeline';
      if (inForm && isCockpitError(error) && error.code === 'BAD_REQUEST') {
        const { fields, other } = problemsByField(requestIssues(error), paramsOf(projectId, pipeline) ?? []);
        const unplaced = Object.keys(fields).length === 0 ? error.message : other.join('; ') || null;
        set({ runFormFieldErrors: fields, runFormError: unplaced });
      } else if (inForm) {
        set({ runFormError: humanMessage(error) });
      } else {
        get().notify('error', `Could not start ${pipeline}: ${humanMessage(error)}`);
      }
    }
  }

  return {
    runStarting: null,
    runFormValues: {},
    runFormFieldErrors: {},
    runFormError: null,
    runFormEvent: null,

    requestRun(projectId, pipeline) {
      const params = paramsOf(projectId, pipeline);
      const events = eventsOf(projectId, pipeline);
      if ((!params || params.length === 0) && events.length === 0) {
        void start(projectId, pipeline, undefined);
        return;
      }
      set({
        runFormEvent: events[0] ?? null,
        runFormValues: defaultParamValues(params ?? []),
        runFormFieldErrors: {},
        runFormError: null,
      });
      get().openDialog({ kind: 'run-pipeline', projectId, pipeline });
    },

    setRunEvent(event) {
      set({ runFormEvent: event, runFormError: null });
    },

    setRunParam(name, value) {
      set((state) => {
        const { [name]: _cleared, ...fieldErrors } = state.runFormFieldErrors;
        return { runFormValues: { ...state.runFormValues, [name]: value }, runFormFieldErrors: fieldErrors };
      });
    },

    async submitRunForm() {
      const dialog = get().dialog;
      if (dialog?.kind !== 'run-pipeline') return;
      const event = get().runFormEvent;
      // A GitHub workflow's inputs belong to workflow_dispatch; other events run without them.
      const params =
        event !== null && event !== 'workflow_dispatch'
          ? []
          : (paramsOf(dialog.projectId, dialog.pipeline) ?? []);
      const values = get().runFormValues;
      const errors = checkParamValues(params, values);
      if (Object.keys(errors).length > 0) {
        set({ runFormFieldErrors: errors, runFormError: null });
        return;
      }
      await start(
        dialog.projectId,
        dialog.pipeline,
        params.length > 0 ? paramsToSend(params, values) : undefined,
        event ?? undefined,
      );
    },
  };
};
