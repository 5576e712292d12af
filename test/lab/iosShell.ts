// The Cisco IOS texts under their first names, for tests written before the lab had platforms.
// New code: expectedOutput() in expected.ts, or platforms/ios.ts.
export { formatClock, showIpInterfaceBrief, showRunningConfig, showVersion } from './platforms/ios';
