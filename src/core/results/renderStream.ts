// A report written piece by piece as a poll goes: the header, each device as it becomes final,
// the footer at the end. Together the pieces are exactly renderReport's document.
import { reportRenderer, ReportFooter, ReportHeader, ReportRenderer, ResultsFormat } from './render';
import { DeviceReport } from './report';

export class ReportStream {
  private readonly renderer: ReportRenderer;
  private devices = 0;

  /** `format`: one of the results formats, or a renderer of one's own (the command line's CSV). */
  constructor(private readonly write: (text: string) => void, format: ResultsFormat | ReportRenderer) {
    this.renderer = typeof format === 'string' ? reportRenderer(format) : format;
  }

  header(header: ReportHeader): void {
    this.write(this.renderer.header(header));
  }

  device(device: DeviceReport): void {
    this.write(this.renderer.device(device, this.devices++));
  }

  footer(footer: ReportFooter): void {
    this.write(this.renderer.footer(footer, this.devices));
  }
}
