// GitHub workflow commands in a step's output that every format's run view understands:
// ::group::title / ::endgroup:: (collapsible sections) and ::error|warning|notice …::message
// (annotations on the run, with file, line and col when given). Other commands (`set-output`,
// `set-env`, `add-path`, `save-state`, `stop-commands`) go to the job's session.
import type { LineEffect, OutputParser } from '../types.ts';

const COMMAND = /^\s*::([A-Za-z0-9_-]+)(?:\s+([^:]*))?::(.*)$/;

export const workflowCommandParser: OutputParser = {
  needles: ['::'],
  parse(line): LineEffect | null {
    const match = COMMAND.exec(line);
    if (!match) return null;
    const [, name, rawProperties, message = ''] = match;
    if (name === 'group') return { kind: 'group-start', title: unescapeData(message) || 'group' };
    if (name === 'endgroup') return { kind: 'group-end' };
    const properties = parseProperties(rawProperties ?? '');
    // add-mask belongs to the log writer; debug prints nothing more.
    if (name === 'add-mask' || name === 'debug') return null;
    if (name !== 'error' && name !== 'warning' && name !== 'notice')
      return { kind: 'command', name: name!, properties, value: unescapeData(message) };
    const number = (key: string) => {
      const value = Number(properties[key]);
      return Number.isInteger(value) && value > 0 ? value : null;
    };
    return {
      kind: 'annotation',
      level: name,
      message: unescapeData(message),
      title: properties.title ?? null,
      file: properties.file ?? null,
      line: number('line'),
      col: number('col'),
    };
  },
};

function parseProperties(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
  }
  return properties;
}

// The escapes of @actions/core: data escapes %, \r, \n; properties also : and ,.
function unescapeData(text: string): string {
  return text.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replaceAll('%3A', ':').replaceAll('%2C', ',');
}
