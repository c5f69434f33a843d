// Demo dependency audit: there are no dependencies, so there is nothing vulnerable — say so slowly.
const packages = ['http', 'test', 'assert', 'fs', 'path'];
for (const [i, name] of packages.entries()) {
  await new Promise((resolve) => setTimeout(resolve, 150));
  console.log(`[${i + 1}/${packages.length}] node:${name} — no known advisories`);
}
console.log('\u001b[32m0 vulnerabilities\u001b[0m');
