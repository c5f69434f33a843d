// `node bench/libs/cron-differential.ts`: our nextRun against croner and cron-parser on 3,000 random
// expressions, from random start times around the DST changes of 2026 in six zones. Prints how often
// each library agrees, differs or throws, with examples (the findings in docs/dependencies.md).
import { Cron } from 'croner';
import { CronExpressionParser } from 'cron-parser';
import { nextRun } from '../../src/main/engine/kernel/cron.ts';

let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const field = (min: number, max: number) =>
  pick([
    '*',
    String(int(min, max)),
    `*/${int(1, Math.min(10, max))}`,
    `${min}-${int(min, max)}`,
    `${int(min, max)},${int(min, max)}`,
  ]);
/** Day fields as `*`, a value, a range or a list: `*\/n` is left out, where the libraries knowingly differ. */
const dayField = (min: number, max: number) => {
  const value = random() < 0.7 ? '*' : field(min, max);
  return value.startsWith('*/') ? '*' : value;
};

const zones = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
  'UTC',
];
const starts = [
  '2026-03-08T06:30',
  '2026-03-29T00:10',
  '2026-10-25T00:10',
  '2026-11-01T05:10',
  '2026-04-05T14:40',
];
starts.push('2026-10-04T15:50', '2026-04-04T13:00', '2026-09-06T03:00', '2026-06-01T00:00');

const libraries = {
  croner: (expression: string, after: number, zone: string) =>
    new Cron(expression, { timezone: zone, legacyMode: true }).nextRun(new Date(after))?.getTime() ?? null,
  'cron-parser': (expression: string, after: number, zone: string) =>
    CronExpressionParser.parse(expression, { currentDate: new Date(after), tz: zone })
      .next()
      .getTime(),
};
const tally = Object.fromEntries(
  Object.keys(libraries).map((name) => [name, { agree: 0, differ: 0, threw: 0, examples: [] as string[] }]),
);
const at = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().slice(0, 16));

for (let i = 0; i < 3000; i++) {
  const expression = `${field(0, 59)} ${field(0, 23)} ${dayField(1, 28)} * ${dayField(0, 6)}`;
  const zone = pick(zones);
  const after = Date.parse(`${pick(starts)}Z`) + int(0, 119) * 60_000;
  const ours = nextRun(expression, after, zone);
  for (const [name, next] of Object.entries(libraries)) {
    const count = tally[name]!;
    let theirs: number | null;
    try {
      theirs = next(expression, after, zone);
    } catch (error) {
      count.threw++;
      if (count.examples.length < 8)
        count.examples.push(
          `${expression} | ${zone} | after ${at(after)} | threw ${(error as Error).message}`,
        );
      continue;
    }
    if (theirs === ours) count.agree++;
    else {
      count.differ++;
      if (count.examples.length < 8)
        count.examples.push(
          `${expression} | ${zone} | after ${at(after)} | ours ${at(ours)} | theirs ${at(theirs)}`,
        );
    }
  }
}
for (const [name, count] of Object.entries(tally)) {
  process.stdout.write(`${name}: ${count.agree} agree, ${count.differ} differ, ${count.threw} threw\n`);
  for (const example of count.examples) process.stdout.write(`  ${example}\n`);
}
