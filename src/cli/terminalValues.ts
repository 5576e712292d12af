// Where the command line finds values kept out of devices.yaml: the environment, and the
// terminal (typed without echo) when there is one.
import { ValueSource } from '../core/inventory/references';

/** NETPOLL_SECRET_<NAME>: the name upper-cased, anything but letters and digits as _. */
export function secretVariable(name: string): string {
  return `NETPOLL_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function terminalValues(env: NodeJS.ProcessEnv = process.env): ValueSource {
  let asking = Promise.resolve<unknown>(undefined);
  // One question at a time, even when many devices need different values at once.
  const ask = (question: string) => {
    const answer = asking.then(() => askHidden(question));
    asking = answer;
    return answer;
  };
  return {
    env: (name) => env[name],
    secret: async (name) => env[secretVariable(name)] ?? ask(`netpoll: secret "${name}" (or set ${secretVariable(name)}): `),
    prompt: (name) => ask(`netpoll: ${name}: `),
  };
}

/** Reads a line from the terminal without echoing it; undefined when there is no terminal. */
function askHidden(question: string): Promise<string | undefined> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    process.stderr.write(question);
    input.setRawMode(true);
    input.resume();
    let typed = '';
    const finish = (value: string | undefined) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(typed);
        if (ch === '\u0003' || ch === '\u0004') return finish(undefined); // Ctrl-C, Ctrl-D: no answer
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    input.on('data', onData);
  });
}
