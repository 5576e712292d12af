// The text of an inventory's live results document, kept while the document is open as one
// rendered block per final device: a re-render joins the blocks and reads from the store only
// the devices that ended since the last one, so following a poll of a thousand devices does not
// read and render every device again each time. The blocks weigh what the document does.
import { DevicePoll } from '../core/poll/devicePoll';
import { ReportRenderer, reportRenderer, summaryLine } from '../core/results/render';
import { InventoryPoll } from './devicesModel';

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

  async render(): Promise<string> {
    const { run, storage, totals, format } = this.poll;
    const now = totals ?? run.totals();
    const final = run.finalInOrder();
    const parts = [this.renderer.header(now)];
    for (const [place, handle] of final.entries()) parts.push(place === 0 ? this.renderer.device(await storage.read(handle), 0) : await this.block(handle));
    parts.push(this.renderer.footer(now, final.length));
    const polled = now.summary.total - now.summary.skipped;
    const status = now.finishedAt === null ? `polling: ${final.length} of ${polled} devices done` : summaryLine(now);
    switch (format) {
      case 'yaml':
        return `# ${status}\n${parts.join('')}`;
      case 'markdown':
        return `_${status}_\n\n${parts.join('')}`;
      case 'json':
        return parts.join('');
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
