// Demo "install" step: the shop API has no dependencies, so this only shows what it checked.
const started = Date.now();
console.log('\u001b[1mResolving dependencies\u001b[0m');
for (const name of ['node:http', 'node:test', 'node:assert'])
  console.log(`  \u001b[32m✓\u001b[0m ${name} (built in)`);
console.log(`Done in ${Date.now() - started} ms.`);
