// Reads a secret for the CLI: all of stdin when it is piped, or one line typed at the terminal
// with echo turned off.
import { createInterface } from 'node:readline';

export async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  process.stderr.write(prompt);
  const rl = createInterface({ input: stdin, terminal: true });
  // Swallow the characters readline would echo back.
  (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
  try {
    const line = await new Promise<string>((resolve) => rl.once('line', resolve));
    process.stderr.write('\n');
    return line;
  } finally {
    rl.close();
  }
}
