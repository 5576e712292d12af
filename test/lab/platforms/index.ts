// Every platform the lab can be, by its netmiko device_type.
import type { PlatformCli } from '../cli';
import { ARISTA_EOS } from './eos';
import { GENERIC } from './generic';
import { CISCO_IOS, CISCO_XE } from './ios';
import { JUNIPER_JUNOS } from './junos';
import { CISCO_NXOS } from './nxos';
import { CISCO_XR } from './xr';

export const PLATFORMS = {
  cisco_ios: CISCO_IOS,
  cisco_xe: CISCO_XE,
  cisco_nxos: CISCO_NXOS,
  cisco_xr: CISCO_XR,
  arista_eos: ARISTA_EOS,
  juniper_junos: JUNIPER_JUNOS,
  generic: GENERIC,
} satisfies Record<string, PlatformCli>;

export type LabPlatform = keyof typeof PLATFORMS;
