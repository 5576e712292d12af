// Reading a long output must cost time in proportion to its size: the prompt is looked
// for in a bounded tail, never in the whole buffer. This scenario reads `show running-config`
// of growing length from one lab device and reports time per thousand lines.
import { BUILTIN_PLATFORMS } from '../src/core/platforms/builtins';
import { CliSession } from '../src/core/session/cliSession';
import { startLabProcess } from './labProcess';

export interface ScalingRow {
  lines: number;
  bytes: number;
  /** Median of the runs, milliseconds. */
  ms: number;
  msPerThousandLines: number;
}

const SIZES = [1_500, 3_000, 6_000, 12_000, 24_000];
const RUNS = 5;

export async function outputScaling(): Promise<ScalingRow[]> {
  const lab = await startLabProcess(SIZES.map((lines) => ({ name: `big${lines}`, secret: 'netpoll-en', runningConfigLines: lines })));
  try {
    const rows: ScalingRow[] = [];
    for (const device of lab.devices) {
      const session = await CliSession.open(
        { host: device.host, port: device.port, username: device.username, password: device.password, secret: device.secret, platform: BUILTIN_PLATFORMS.get('cisco_ios')! },
        { hostKeys: { policy: 'off' } },
      );
      try {
        const times: number[] = [];
        let output = '';
        for (let run = 0; run < RUNS; run++) {
          const result = await session.send('show running-config');
          times.push(result.elapsedMs);
          output = result.output;
        }
        const lines = output.split('\n').length;
        const ms = median(times);
        rows.push({ lines, bytes: Buffer.byteLength(output), ms, msPerThousandLines: (ms / lines) * 1000 });
      } finally {
        await session.close();
      }
    }
    return rows;
  } finally {
    await lab.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
