// The text of an inventory's live results document, kept while the document is open as one
// rendered block per final device, rendered as the device is stored: a re-render only joins the
// blocks, so following a poll of a thousand devices neither reads nor renders any device again.
// A device stored before the document opened is read back once. The blocks weigh what the
// document does.
import { DevicePoll } from '../core/poll/devicePoll';
import { DeviceReport } from '../core/results/report';
import { ReportRenderer, reportRenderer, summaryLine } from '../core/results/render';
import { InventoryPoll } from './devicesModel';
import { FOLLOWED_UP_TO_CHARACTERS } from './refreshPacer';

export class LiveResultsText {
  private readonly renderer: ReportRenderer;
  /**
   * Each final device's block as it reads after another device's (a JSON block then starts
   * with its comma), by submission position. The block in first place is rendered afresh.
   */
  private readonly blocks = new Map<number, string>();

  constructor(readonly poll: InventoryPoll) {
    this.renderer = reportRenderer(poll.format);
  }

  /** A device of this poll was just stored: its block is rendered now, from the report in hand. */
  stored(handle: DevicePoll, report: DeviceReport): void {
    if (this.poll.run.executor.polls[handle.index] === handle) this.blocks.set(handle.index, this.renderer.device(report, 1));
  }

  async render(): Promise<string> {
    const { run, storage, totals, format } = this.poll;
    const now = totals ?? run.totals();
    const final = run.finalInOrder();
    const parts = [this.renderer.header(now)];
    for (const [place, handle] of final.entries()) parts.push(place === 0 ? this.renderer.device(await storage.read(handle), 0) : await this.block(handle));
    parts.push(this.renderer.footer(now, final.length));
    const body = parts.join('');
    const polled = now.summary.total - now.summary.skipped;
    let status = now.finishedAt === null ? `polling: ${final.length} of ${polled} devices done` : summaryLine(now);
    // A text too long to follow while the poll runs (see refreshPacer.ts) says so.
    if (now.finishedAt === null && status.length + body.length > FOLLOWED_UP_TO_CHARACTERS) status += '; the others appear here when the poll ends (too long to refresh for each device: the Devices view and the results view follow the poll)';
    switch (format) {
      case 'yaml':
        return `# ${status}\n${body}`;
      case 'markdown':
        return `_${status}_\n\n${body}`;
      case 'json':
        return body;
    }
  }

  private async block(handle: DevicePoll): Promise<string> {
    let block = this.blocks.get(handle.index);
    if (block === undefined) {
      block = this.renderer.device(await this.poll.storage.read(handle), 1);
      this.blocks.set(handle.index, block);
    }
    return block;
  }
}
