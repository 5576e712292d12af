// What a device's results say beside its outputs, in the same words wherever they are shown
// (documents, tooltips, logs): an output that may be cut short, and the lines the device sent
// on its own.

/** Beside a command whose output's end could not be told from a prompt-like line inside it. */
export const UNCERTAIN_END = 'end uncertain: the output may be cut short';

/** When a message came: during the command it interrupted, or while the session was set up. */
export function messageWhen(command: string | null | undefined, quote: (command: string) => string = (c) => c): string {
  return command === null || command === undefined ? 'while the session was set up' : `during ${quote(command)}`;
}

/** `3 messages from the device`; with some not kept, `1200 messages from the device (only the first 1000 kept)`. */
export function messagesSummary(total: number, dropped: number): string {
  const counted = `${total} ${total === 1 ? 'message' : 'messages'} from the device`;
  return dropped > 0 ? `${counted} (only the first ${total - dropped} kept)` : counted;
}
