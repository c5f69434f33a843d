// Loads GitHub's workflow parser (@actions/workflow-parser). Its build imports a JSON schema without
// an import attribute, which Node refuses; a module hook adds the attribute for that package only.
// Bundlers (electron-vite, vitest) import it as is.
import * as nodeModule from 'node:module';
import type * as WorkflowParserModule from '@actions/workflow-parser';
import type * as ActionParserModule from '@actions/workflow-parser/actions/index';

type WorkflowParser = typeof WorkflowParserModule;
type ActionParser = typeof ActionParserModule;

let loading: Promise<WorkflowParser> | null = null;
let loadingActions: Promise<ActionParser> | null = null;

/** The parser of action.yml files (same package, same hook). */
export function loadActionParser(): Promise<ActionParser> {
  loadingActions ??= loadWorkflowParser().then(() => import('@actions/workflow-parser/actions/index'));
  return loadingActions;
}

export function loadWorkflowParser(): Promise<WorkflowParser> {
  loading ??= (async () => {
    if (typeof nodeModule.registerHooks === 'function') {
      nodeModule.registerHooks({
        load(url, context, nextLoad) {
          if (
            url.endsWith('.json') &&
            url.includes('/@actions/workflow-parser/') &&
            context.importAttributes?.type !== 'json'
          ) {
            return nextLoad(url, {
              ...context,
              importAttributes: { ...context.importAttributes, type: 'json' },
            });
          }
          return nextLoad(url, context);
        },
      });
    }
    return import('@actions/workflow-parser');
  })();
  return loading;
}
