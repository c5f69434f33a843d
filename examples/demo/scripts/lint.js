// Demo linter: flags trailing whitespace and tabs in the source, with coloured output like real linters.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let problems = 0;
for (const dir of ['src', 'test', 'scripts']) {
  for (const file of readdirSync(dir)) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/[ \t]+$/.test(line)) {
        console.log(
          `\u001b[4m${dir}/${file}\u001b[0m:${i + 1}  \u001b[33mwarning\u001b[0m  trailing whitespace`,
        );
        problems++;
      }
    });
    console.log(`\u001b[2mchecked ${dir}/${file} (${lines.length} lines)\u001b[0m`);
  }
}
console.log(problems === 0 ? '\u001b[32m✔ no problems\u001b[0m' : `\u001b[33m${problems} warnings\u001b[0m`);
