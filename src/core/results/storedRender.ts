// A stored poll as a results document (YAML, JSON or Markdown), written piece by piece as each
// device is read from the store: the same text renderReport gives for the same poll, without
// ever holding more than one device in memory.
import { ReportRenderer, ResultsFormat } from './render';
import { ReportStream } from './renderStream';
import { DeviceStatus } from './report';
import { StoredPoll, storedDevices, summaryOf } from './storedPolls';

export async function renderStoredPoll(poll: StoredPoll, format: ResultsFormat | ReportRenderer, write: (text: string) => void | Promise<void>): Promise<void> {
  // ReportStream writes synchronously; each piece is handed on, awaited, before the next is read.
  let piece = '';
  const stream = new ReportStream((text) => (piece += text), format);
  const flush = async () => {
    const text = piece;
    piece = '';
    if (text !== '') await write(text);
  };
  const { index } = poll;
  stream.header(index);
  await flush();
  const statuses: DeviceStatus[] = [];
  for await (const device of storedDevices(poll)) {
    statuses.push(device.status);
    stream.device(device);
    await flush();
  }
  stream.footer({
    summary: summaryOf(poll, statuses),
    finishedAt: index.finishedAt,
    // A poll whose end was never recorded has run for as long as it has been going, as the live results say.
    elapsedMs: index.elapsedMs ?? Date.now() - Date.parse(index.startedAt),
  });
  await flush();
}

/** The whole document as one string, for a place that needs it whole (an editor's document). */
export async function storedPollText(poll: StoredPoll, format: ResultsFormat): Promise<string> {
  const parts: string[] = [];
  await renderStoredPoll(poll, format, (text) => void parts.push(text));
  return parts.join('');
}
