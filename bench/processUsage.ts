// Preloaded (node --require) into the netpoll command line the bench runs: when the process
// exits, it writes what the whole process used (CPU of every thread, peak RSS, the main thread's
// event-loop delay p99) to the file named by NETPOLL_BENCH_USAGE. The CLI itself is untouched.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;
const file = process.env.NETPOLL_BENCH_USAGE;
if (file) {
  const eld = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  eld.enable();
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
        peakRssMb: usage.maxRSS / 1024,
        // The histogram records the time between ticks; the tick interval itself is no delay.
        eldP99Ms: Math.max(0, eld.percentile(99) / 1e6 - RESOLUTION_MS),
      }),
    );
  });
}
