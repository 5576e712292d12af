// A report written piece by piece as a poll goes: the header, each device as it becomes final,
// the footer at the end. Together the pieces are exactly renderReport's document.
import { reportRenderer, ReportFooter, ReportHeader, ReportRenderer, ResultsFormat } from './render';
import { DeviceReport } from './report';

export class ReportStream {
  private readonly renderer: ReportRenderer;
  private devices = 0;

  constructor(private readonly write: (text: string) => void, format: ResultsFormat) {
    this.renderer = reportRenderer(format);
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
