// Values kept out of devices.yaml, as the extension finds them: ${secret:NAME} in VS Code's
// SecretStorage (asked once, then remembered), ${prompt:NAME} asked once per poll,
// ${env:NAME} from the extension host's environment.
import * as vscode from 'vscode';
import { ValueSource } from '../core/inventory/references';

const KEY_PREFIX = 'netpoll.secret.';
/** SecretStorage cannot list its keys; the names NetPoll stored are kept here to forget them. */
const INDEX_KEY = 'netpoll.secretNames';

export class SecretValues {
  constructor(private readonly secrets: vscode.SecretStorage, private readonly state: vscode.Memento) {}

  get(name: string): Thenable<string | undefined> {
    return this.secrets.get(KEY_PREFIX + name);
  }

  async store(name: string, value: string): Promise<void> {
    await this.secrets.store(KEY_PREFIX + name, value);
    const names = new Set(this.names());
    names.add(name);
    await this.state.update(INDEX_KEY, [...names]);
  }

  names(): string[] {
    return this.state.get<string[]>(INDEX_KEY, []);
  }

  async forgetAll(): Promise<number> {
    const names = this.names();
    await Promise.all(names.map((name) => this.secrets.delete(KEY_PREFIX + name)));
    await this.state.update(INDEX_KEY, []);
    return names.length;
  }

  /** A source for one poll: prompts are asked at most once, one input box at a time. */
  valueSource(): ValueSource {
    let asking: Promise<unknown> = Promise.resolve();
    const ask = (options: vscode.InputBoxOptions): Promise<string | undefined> => {
      const answer = asking.then(() => vscode.window.showInputBox({ ...options, password: true, ignoreFocusOut: true }));
      asking = answer;
      return answer;
    };
    return {
      env: (name) => process.env[name],
      secret: async (name) => {
        const stored = await this.get(name);
        if (stored !== undefined) return stored;
        const given = await ask({ title: `NetPoll: secret "${name}"`, prompt: `Enter the value of \${secret:${name}}. It is kept in VS Code's secret storage, not in the file.` });
        if (given !== undefined) await this.store(name, given);
        return given;
      },
      prompt: (name) => ask({ title: `NetPoll: ${name}`, prompt: `Enter the value of \${prompt:${name}} for this poll. It is not stored.` }),
    };
  }
}
