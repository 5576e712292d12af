// The platform's side of a CLI session, from its definition: the first prompt, the on-open
// lines, privileged mode (with or without an enable password), and which replies mean a
// command failed. The channel underneath moves the bytes.
import { PlatformDefinition } from '../platforms/platform';
import { CliChannel } from './channel';
import { SessionError } from './errors';

export interface Prepared {
  /** Unsolicited lines received while the session was set up. */
  messages: string[];
  /** A set-up line was answered with a failure indicator (paging may still be on, say). */
  refusedLine: boolean;
}

export class CliDriver {
  constructor(
    private readonly channel: CliChannel,
    private readonly platform: PlatformDefinition,
    private readonly where: string,
    /** For the device's own text (its prompt) in what NetPoll says. */
    private readonly mask: (text: string) => string,
  ) {}

  /**
   * The first prompt, then the on-open lines and `enable` together in one write: an enable
   * password costs one more round trip, and only where the device asks for it.
   */
  async prepare(secret: string | undefined, promptMs: number): Promise<Prepared> {
    const messages = await this.channel.firstPrompt(promptMs);
    const { enable, userPrompt } = this.platform;
    const needsEnable = enable !== undefined && userPrompt !== undefined && userPrompt.test(this.channel.prompts.prompt);
    const lines = needsEnable ? [...this.platform.onOpen, enable.command] : this.platform.onOpen;
    const setup = await this.channel.setupLines(lines, promptMs, needsEnable ? enable.secretPrompt : undefined);
    let text = setup.text;
    if (needsEnable && setup.asked) {
      if (secret === undefined) {
        throw new SessionError('enable', `${this.where} asks for an enable password and no enable secret is set`, 'Set secret for this device so NetPoll can enter privileged mode.');
      }
      text += await this.channel.hiddenLine(secret, promptMs, 'the prompt after enable');
    }
    if (needsEnable && userPrompt.test(this.channel.prompts.prompt)) {
      const why = setup.asked ? 'refused the enable secret' : 'refused enable';
      throw new SessionError('enable', `${this.where} ${why} (prompt is still ${this.mask(this.channel.prompts.prompt)})`, 'Check secret for this device; NetPoll tries once so the account is not locked out.');
    }
    return { messages: [...messages, ...this.channel.messagesIn(text)], refusedLine: this.failed(text) };
  }

  /** Whether a reply carries one of the platform's failure indicators. */
  failed(output: string): boolean {
    return this.platform.failureIndicators.some((indicator) => output.includes(indicator));
  }
}
