// Reports for tests of what reads and writes results: plain data, as a poll would give.
import { DeviceReport, PollReport } from '../../src/core/results/report';

export function device(name: string, outputs: string[], extra: Partial<DeviceReport> = {}): DeviceReport {
  return {
    name,
    group: null,
    host: '127.0.0.1',
    port: 2201,
    deviceType: 'cisco_ios',
    status: 'finished',
    elapsedMs: 120,
    timings: { queued: 0, connect: 10, total: 120 },
    commands: outputs.map((output, i) => ({ command: `show ${i}`, output, failed: false, elapsedMs: 5 })),
    messages: [],
    error: null,
    ...extra,
  };
}

export function report(list: DeviceReport[]): PollReport {
  return {
    inventory: 'devices.yaml',
    startedAt: '2026-01-02T03:04:05.678Z',
    finishedAt: '2026-01-02T03:04:07.000Z',
    elapsedMs: 1322,
    workers: 10,
    order: 'completion',
    commands: ['show 0', 'show 1'],
    summary: { total: list.length, finished: list.filter((d) => d.status === 'finished').length, failed: list.filter((d) => d.status === 'failed').length, cancelled: 0, skipped: 0 },
    devices: list,
  };
}

