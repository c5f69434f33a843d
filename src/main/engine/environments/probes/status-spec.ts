// expect_status entries: 200, "2xx" or "200-299".
export type StatusSpec = number | string;

export function statusMatches(status: number, specs: readonly StatusSpec[]): boolean {
  return specs.some((spec) => matchesOne(status, spec));
}

function matchesOne(status: number, spec: StatusSpec): boolean {
  if (typeof spec === 'number') return status === spec;
  const classMatch = /^([1-5])xx$/.exec(spec);
  if (classMatch) return Math.floor(status / 100) === Number(classMatch[1]);
  const rangeMatch = /^(\d{3})-(\d{3})$/.exec(spec);
  if (rangeMatch) return status >= Number(rangeMatch[1]) && status <= Number(rangeMatch[2]);
  return false;
}

export function describeStatusSpecs(specs: readonly StatusSpec[]): string {
  return specs.map(String).join(', ');
}
