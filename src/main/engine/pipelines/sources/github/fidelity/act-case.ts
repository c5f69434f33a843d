// The shape of an act fidelity case (see act-cases.ts) and the fixture files several cases share.
export type Outcome = 'success' | 'failed' | 'skipped' | 'cancelled';

export interface ActCase {
  /** The case's folder in act's pkg/runner/testdata. */
  name: string;
  event?: string;
  files: Record<string, string>;
  /** Job (display name) → its status, as act's case expects it. */
  jobs: Record<string, Outcome>;
  /** A case act passes and the cockpit does not: our behaviour is checked instead, and counted. */
  differs?: { reason: string; check: 'refused'; message: RegExp };
  /** Not offline-capable here, with the reason (not counted). */
  notApplicable?: string;
  /** What the fixture changes from act's case and why (the behaviour stays). */
  note?: string;
  /** Files put into the offline action cache (<data dir>/actions/…). */
  actionCache?: Record<string, string>;
  /** The repository's origin remote. */
  origin?: string;
}

export const W = '.github/workflows/case.yml';

export const HELLO_ACTION = `name: Hello
description: greets
inputs:
  who-to-greet:
    description: whom
    default: World
outputs:
  time:
    description: when
runs:
  using: node20
  main: index.js
`;
export const HELLO_JS = `const fs = require('fs');
const who = process.env['INPUT_WHO-TO-GREET'] ?? process.env.INPUT_WHO_TO_GREET;
console.log('Hello ' + who + '!');
fs.appendFileSync(process.env.GITHUB_OUTPUT, 'time=' + new Date().toISOString() + '\\n');
const payload = JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
console.log('event has ref', payload.ref);
`;

/** The offline action cache holding actions/hello-world-javascript-action@main. */
export const HELLO_WORLD_ACTION_CACHE = {
  'actions/hello-world-javascript-action@main/action.yml': HELLO_ACTION,
  'actions/hello-world-javascript-action@main/index.js': HELLO_JS,
};

export const GREETER = `name: Checks its inputs
description: composite with inputs and outputs
inputs:
  needed:
    description: required
    required: true
  optional:
    description: optional
    default: optional-default
  optional-given:
    description: optional, given
    default: optional-default
  needed-with-default:
    description: required with a default
    required: true
    default: needed-default
  passed-secret:
    description: a secret as input
outputs:
  result:
    description: out
    value: \${{ steps.out.outputs.result }}
  combined:
    description: secret and env
    value: \${{ format('{0}+{1}', inputs.passed-secret, env.passed_secret) }}
runs:
  using: composite
  steps:
    - shell: bash
      run: |
        echo "needed=\${{ inputs.needed }} optional=\${{ inputs.optional }}"
        [ "\${{ inputs.needed }}" = "needed-value" ] || exit 1
    - shell: bash
      run: '[ "\${{ inputs.optional }}" = "optional-default" ] || [ "\${{ inputs.optional }}" = "optional-value" ] || exit 2'
    - shell: bash
      run: '[ "\${{ inputs.optional-given }}" = "given" ] || exit 3'
    - shell: bash
      run: '[ "\${{ inputs.needed-with-default }}" = "needed-default" ] || [ "\${{ inputs.needed-with-default }}" = "given" ] || exit 4'
    - id: out
      shell: bash
      run: |
        echo "result=the-result" >> "$GITHUB_OUTPUT"
        echo "FROM_ACTION=set by the action" >> "$GITHUB_ENV"
`;
