// How to drive one kind of network OS, kept as data: prompts, what to send on open,
// how to reach privileged mode, and which replies mean a command failed.

export interface EnableDefinition {
  /** Command that asks for privileged mode. */
  command: string;
  /** What the device prints when it wants the secret. */
  secretPrompt: RegExp;
}

export interface PlatformDefinition {
  name: string;
  /** Matches a prompt at the very end of the received text, in any mode. */
  prompt: RegExp;
  /** Matches a prompt that shows the unprivileged exec level (where enable applies). */
  userPrompt?: RegExp;
  /** Sent once after the first prompt, before any user command. */
  onOpen: string[];
  enable?: EnableDefinition;
  /** The pager's "press a key for more" marker. */
  pager: RegExp;
  /** Substrings of a reply that mean the command failed (the session lives on). */
  failureIndicators: string[];
  stripAnsi: boolean;
}
