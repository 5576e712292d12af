// A Cisco-IOS-like CLI, as a terminal in cooked mode sees it: echoes what is typed,
// answers on return, pages long output with --More--, asks for the enable secret.
// Pure text in, text out, so the SSH server and unit tests can both drive it.

export interface IosShellOptions {
  hostname: string;
  /** Enable secret; undefined means `enable` is refused. */
  secret?: string;
  /** Lines in `show running-config` (it needs enable). */
  runningConfigLines?: number;
  /** Answer `terminal length 0` but keep paging anyway (AAA-locked terminals). */
  pagingLocked?: boolean;
}

const MORE = ' --More-- ';
// What IOS writes after a key at --More--: back over the marker, blank it, back again.
const MORE_ERASE = '\b'.repeat(MORE.length) + ' '.repeat(MORE.length) + '\b'.repeat(MORE.length);

export class IosShell {
  private privileged = false;
  private pageLength = 24;
  private line = '';
  private awaitingSecret = false;
  /** Lines still to show after a --More-- stop. */
  private pending: string[] = [];
  /** A \r just ended a line, so a following \n is the same return. */
  private lastWasCr = false;

  constructor(private readonly options: IosShellOptions, private readonly write: (text: string) => void, private readonly close: () => void) {}

  get prompt(): string {
    return this.options.hostname + (this.privileged ? '#' : '>');
  }

  /** The banner and first prompt a device prints when the shell opens. */
  start(): void {
    this.write(`\r\n${this.prompt}`);
  }

  /** Feed keystrokes (already delayed by the caller if latency is simulated). */
  input(data: string): void {
    for (const ch of data) {
      if (this.pending.length > 0) {
        this.pagerKey(ch);
      } else if (ch === '\r' || ch === '\n') {
        if (ch === '\n' && this.lastWasCr) {
          this.lastWasCr = false;
          continue;
        }
        this.lastWasCr = ch === '\r';
        const line = this.line;
        this.line = '';
        if (!this.awaitingSecret) this.write('\r\n');
        this.execute(line);
      } else if (ch === '\x7f' || ch === '\b') {
        this.line = this.line.slice(0, -1);
      } else {
        this.lastWasCr = false;
        this.line += ch;
        if (!this.awaitingSecret) this.write(ch);
      }
    }
  }

  private execute(raw: string): void {
    if (this.awaitingSecret) {
      this.awaitingSecret = false;
      this.write('\r\n');
      if (this.options.secret !== undefined && raw === this.options.secret) this.privileged = true;
      else this.write('% Bad secrets\r\n\r\n');
      this.write(this.prompt);
      return;
    }
    const line = raw.trim().replace(/\s+/g, ' ');
    if (line === '') return this.write(this.prompt);
    const reply = this.answer(line);
    if (reply === null) return;
    this.showPaged(reply);
  }

  /** The command's output lines, or null when the command took over the terminal. */
  private answer(line: string): string[] | null {
    const [word] = line.split(' ');
    if (/^en(a(b(le?)?)?)?$/.test(line)) {
      if (this.privileged) return [];
      this.awaitingSecret = true;
      this.write('Password: ');
      return null;
    }
    if (/^disable$/.test(line)) {
      this.privileged = false;
      return [];
    }
    if (/^(exit|logout|quit)$/.test(line)) {
      this.close();
      return null;
    }
    let match: RegExpMatchArray | null;
    if ((match = line.match(/^term(?:inal)? len(?:gth)? (\d+)$/))) {
      if (!this.options.pagingLocked) this.pageLength = Number(match[1]);
      return [];
    }
    if (/^term(inal)? width \d+$/.test(line)) return [];
    if (/^(sh|show) clock$/.test(line)) return [formatClock(new Date())];
    if (/^(sh|show) ver(sion)?$/.test(line)) return showVersion(this.options.hostname);
    if (/^(sh|show) ip int(erface)? br(ief)?$/.test(line)) return showIpInterfaceBrief();
    if (/^(sh|show) run(ning-config)?$/.test(line)) {
      if (!this.privileged) return invalidInput(this.prompt, line.indexOf('run'));
      return showRunningConfig(this.options.hostname, this.options.runningConfigLines ?? 6000);
    }
    return invalidInput(this.prompt, word === 'show' || word === 'sh' ? line.indexOf(' ') + 1 : 0);
  }

  private showPaged(lines: string[]): void {
    if (this.pageLength === 0 || lines.length < this.pageLength) {
      this.write(lines.map((l) => l + '\r\n').join('') + this.prompt);
      return;
    }
    this.pending = lines;
    this.nextPage(this.pageLength - 1);
  }

  private nextPage(count: number): void {
    const page = this.pending.splice(0, count);
    this.write(page.map((l) => l + '\r\n').join(''));
    if (this.pending.length > 0) this.write(MORE);
    else this.write(this.prompt);
  }

  private pagerKey(ch: string): void {
    this.write(MORE_ERASE);
    if (ch === 'q' || ch === 'Q') {
      this.pending = [];
      this.write(this.prompt);
    } else if (ch === '\r' || ch === '\n') {
      this.nextPage(1);
    } else {
      this.nextPage(this.pageLength - 1);
    }
  }
}

function invalidInput(prompt: string, errorAt: number): string[] {
  return [' '.repeat(prompt.length + errorAt) + '^', "% Invalid input detected at '^' marker.", ''];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatClock(now: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const time = `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}.${pad(now.getUTCMilliseconds(), 3)}`;
  return `*${time} UTC ${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${now.getUTCDate()} ${now.getUTCFullYear()}`;
}

export function showVersion(hostname: string): string[] {
  return [
    'Cisco IOS Software, 7200 Software (C7200-ADVENTERPRISEK9-M), Version 15.2(4)S7, RELEASE SOFTWARE (fc4)',
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2015 by Cisco Systems, Inc.',
    'Compiled Wed 01-Apr-15 20:30 by prod_rel_team',
    '',
    'ROM: ROMMON Emulation Microcode',
    'BOOTLDR: 7200 Software (C7200-ADVENTERPRISEK9-M), Version 15.2(4)S7, RELEASE SOFTWARE (fc4)',
    '',
    `${hostname} uptime is 3 weeks, 2 days, 4 hours, 11 minutes`,
    'System returned to ROM by unknown reload cause - suspect boot_data[BOOT_COUNT] 0x0, BOOT_COUNT 0, BOOTDATA 19',
    'System image file is "tftp://255.255.255.255/unknown"',
    'Last reload reason: Unknown reason',
    '',
    'This product contains cryptographic features and is subject to United',
    'States and local country laws governing import, export, transfer and',
    'use. Delivery of Cisco cryptographic products does not imply',
    'third-party authority to import, export, distribute or use encryption.',
    '',
    'Cisco 7206VXR (NPE400) processor (revision A) with 491520K/32768K bytes of memory.',
    'Processor board ID 4279256517',
    'R7000 CPU at 150MHz, Implementation 39, Rev 2.1, 256KB L2 Cache',
    '6 slot VXR midplane, Version 2.1',
    '',
    'Last reset from power-on',
    '',
    'PCI bus mb0_mb1 (Slots 0, 1, 3 and 5) has a capacity of 600 bandwidth points.',
    'Current configuration on bus mb0_mb1 has a total of 600 bandwidth points.',
    'This configuration is within the PCI bus capacity and is supported.',
    '',
    '4 FastEthernet interfaces',
    '509K bytes of NVRAM.',
    '',
    '8192K bytes of Flash internal SIMM (Sector size 256K).',
    'Configuration register is 0x2102',
    '',
  ];
}

export function showIpInterfaceBrief(): string[] {
  const rows = [['Interface', 'IP-Address', 'OK?', 'Method', 'Status', 'Protocol']];
  for (let i = 0; i < 4; i++) {
    const up = i < 2;
    rows.push([`FastEthernet0/${i}`, up ? `127.0.${i}.1` : 'unassigned', 'YES', up ? 'manual' : 'unset', up ? 'up' : 'administratively down', up ? 'up' : 'down']);
  }
  return rows.map(([name, ip, ok, method, status, proto]) =>
    `${name.padEnd(27)}${ip.padEnd(16)}${ok.padEnd(4)}${method.padEnd(7)}${status.padEnd(22)}${proto}`.trimEnd());
}

export function showRunningConfig(hostname: string, lineCount: number): string[] {
  const lines = ['Building configuration...', '', `Current configuration : ${lineCount * 24} bytes`, '!', 'version 15.2', `hostname ${hostname}`, '!'];
  for (let i = 0; lines.length < lineCount - 1; i++) {
    lines.push(`interface Loopback${i}`, ` description lab loopback ${i}`, ` ip address 127.${(i >> 8) & 255}.${i & 255}.1 255.255.255.255`, '!');
  }
  lines.length = lineCount - 1;
  lines.push('end');
  return lines;
}
