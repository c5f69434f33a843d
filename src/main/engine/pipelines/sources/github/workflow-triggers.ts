// A workflow's triggers from the converted template and the raw tokens: the events, each event's
// filters, the schedules, `on.workflow_call` (inputs and outputs) and workflow_dispatch's inputs as
// cockpit params.
import type * as WorkflowParserModule from '@actions/workflow-parser';
import type { ParamConfig } from '../../../config/index.ts';
import type { WorkflowModel } from './workflow-model.ts';
import type { EventFilters } from './trigger-filters.ts';
import { templateOf, type Token } from './workflow-tokens.ts';

type WorkflowTemplate = Awaited<ReturnType<typeof WorkflowParserModule.convertWorkflowTemplate>>;

export function readTriggers(
  template: WorkflowTemplate,
  root: Token,
): Pick<WorkflowModel, 'events' | 'filters' | 'crons' | 'call' | 'inputs'> {
  const events = Object.keys(template.events ?? {});
  const filters: Record<string, EventFilters> = {};
  for (const event of events) {
    const config = (template.events as Record<string, unknown>)[event];
    if (config && typeof config === 'object' && !Array.isArray(config)) {
      const picked: EventFilters = {};
      for (const key of [
        'branches',
        'branches-ignore',
        'tags',
        'tags-ignore',
        'paths',
        'paths-ignore',
        'types',
      ] as const) {
        const value = (config as Record<string, unknown>)[key];
        if (Array.isArray(value)) picked[key] = value.map(String);
      }
      filters[event] = picked;
    }
  }
  const crons = (template.events?.schedule ?? []).map((schedule) => schedule.cron);
  let call: WorkflowModel['call'] = null;
  const callToken = root.find?.('on')?.find?.('workflow_call');
  if (events.includes('workflow_call')) {
    const inputsToken = callToken?.find?.('inputs');
    const callInputs: NonNullable<WorkflowModel['call']>['inputs'] = [];
    for (let i = 0; i < (inputsToken?.count ?? 0); i++) {
      const pair = inputsToken!.get!(i) as { key: Token; value: Token };
      const defaultToken = pair.value.find?.('default');
      callInputs.push({
        id: pair.key.toString(),
        default: defaultToken ? templateOf(defaultToken) : null,
        required: pair.value.find?.('required')?.toString() === 'true',
      });
    }
    const outputsToken = callToken?.find?.('outputs');
    const callOutputs: Record<string, string> = {};
    for (let i = 0; i < (outputsToken?.count ?? 0); i++) {
      const pair = outputsToken!.get!(i) as { key: Token; value: Token };
      const value = pair.value.find?.('value');
      if (value) callOutputs[pair.key.toString()] = templateOf(value);
    }
    call = { inputs: callInputs, outputs: callOutputs };
  }
  const inputs: Record<string, ParamConfig> = {};
  for (const [name, input] of Object.entries(template.events?.workflow_dispatch?.inputs ?? {})) {
    const description = input.description;
    if (String(input.type) === 'boolean')
      inputs[name] = {
        type: 'boolean',
        description,
        default: input.default === true || input.default === 'true',
      };
    else if (String(input.type) === 'choice' && input.options?.length) {
      inputs[name] = {
        type: 'choice',
        description,
        options: input.options,
        default: input.default === undefined ? undefined : String(input.default),
      };
    } else {
      inputs[name] = {
        type: 'string',
        description,
        default: input.default === undefined ? undefined : String(input.default),
        required: input.required,
      };
    }
  }
  return { events, filters, crons, call, inputs };
}
