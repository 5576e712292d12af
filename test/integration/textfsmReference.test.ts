// The reference: Python's textfsm (Debian's python3-textfsm 1.1) and NetPoll read the same
// templates and the same text, and must give the same records, record for record: the
// project's templates on the lab's outputs (through the index, as clitable and netmiko find
// them), and a set of templates that exercise every corner of the grammar.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTemplate } from '../../src/core/parse/template';
import { TemplateError, TextFsmError } from '../../src/core/parse/templateErrors';
import { parseCommandOutput } from '../../src/core/parse/templateLibrary';
import * as eos from '../lab/platforms/eos';
import * as ios from '../lab/platforms/ios';
import * as junos from '../lab/platforms/junos';
import * as nxos from '../lab/platforms/nxos';
import * as xr from '../lab/platforms/xr';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/textfsm');

// Runs every case in one Python process: a template text on an input (TextFSM), or a platform
// and command through the index (clitable, records keyed as ntc-templates keys them).
const REFERENCE = String.raw`
import io, json, sys
import textfsm
from textfsm import clitable
request = json.load(sys.stdin)
out = []
for case in request["cases"]:
    try:
        if case["kind"] == "index":
            table = clitable.CliTable("index", request["indexDir"])
            table.ParseCmd(case["input"], {"Platform": case["platform"], "Command": case["command"]})
            keys = [h.lower() for h in table.header]
            out.append({"records": [dict(zip(keys, row.values)) for row in table]})
        else:
            fsm = textfsm.TextFSM(io.StringIO(case["template"]))
            out.append({"header": fsm.header, "rows": fsm.ParseText(case["input"])})
    except textfsm.TextFSMTemplateError as e:
        out.append({"templateError": str(e)})
    except textfsm.TextFSMError as e:
        out.append({"parseError": str(e)})
    except clitable.CliTableError as e:
        out.append({"noTemplate": str(e)})
print(json.dumps(out))
`;

/** The first Python that can import textfsm: $NETPOLL_PYTHON, Debian's, or the one on PATH. */
function findPython(): string | undefined {
  const candidates = [process.env.NETPOLL_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c);
  return candidates.find((python) => spawnSync(python, ['-c', 'import textfsm'], { stdio: 'ignore' }).status === 0);
}

type Reference = { records: object[] } | { header: string[]; rows: unknown[][] } | { templateError: string } | { parseError: string } | { noTemplate: string };

function runReference(python: string, cases: object[]): Reference[] {
  const stdout = execFileSync(python, ['-c', REFERENCE], { input: JSON.stringify({ indexDir: FIXTURES, cases }), maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout.toString()) as Reference[];
}

const text = (lines: string[]) => lines.join('\n');
const NOW = new Date(Date.UTC(2024, 2, 5, 14, 7, 9));

/** The lab's outputs, by the platform and command that print them. */
const LAB_OUTPUTS: { platform: string; command: string; input: string }[] = [
  { platform: 'cisco_ios', command: 'show version', input: text(ios.showVersion('R1')) },
  { platform: 'cisco_ios', command: 'sh ver', input: text(ios.showVersion('R1')) },
  { platform: 'cisco_ios', command: 'show ip interface brief', input: text(ios.showIpInterfaceBrief()) },
  { platform: 'cisco_ios', command: 'show running-config', input: text(ios.showRunningConfig('R1', 6000)) },
  { platform: 'cisco_xe', command: 'show version', input: text(ios.showVersionXe('XE1')) },
  { platform: 'cisco_xe', command: 'sh ip int br', input: text(ios.showIpInterfaceBriefXe()) },
  { platform: 'cisco_xe', command: 'show running-config', input: text(ios.showRunningConfig('XE1', 300, '17.3')) },
  { platform: 'cisco_nxos', command: 'show version', input: text(nxos.showVersion('sw1')) },
  { platform: 'cisco_nxos', command: 'show ip interface brief', input: text(nxos.showIpInterfaceBrief()) },
  { platform: 'cisco_xr', command: 'show version', input: text(xr.showVersion()) },
  { platform: 'cisco_xr', command: 'show ip interface brief', input: text(xr.showIpInterfaceBrief()) },
  { platform: 'arista_eos', command: 'show version', input: text(eos.showVersion()) },
  { platform: 'arista_eos', command: 'show ip interface brief', input: text(eos.showIpInterfaceBrief()) },
  { platform: 'juniper_junos', command: 'show version', input: text(junos.showVersion('junos1')) },
  { platform: 'juniper_junos', command: 'show interfaces terse', input: text(junos.showInterfacesTerse()) },
  { platform: 'juniper_junos', command: 'show system uptime', input: text(junos.showSystemUptime(NOW)) },
  { platform: 'juniper_junos', command: 'show configuration', input: text(junos.showConfiguration('junos1', 50)) },
  { platform: 'linux', command: 'uname -a', input: 'Linux lab 6.1.0 x86_64 GNU/Linux' },
];

const tpl = (lines: string[]) => lines.join('\n') + '\n';

/** Templates for the corners of the language; each runs on its input in both engines. */
const GRAMMAR: { name: string; template: string; input: string }[] = [
  { name: 'Filldown, Required and Record', template: tpl(['Value Filldown HOST (\\S+)', 'Value Required IF (\\S+)', '', 'Start', '  ^host ${HOST}', '  ^if ${IF} -> Record', '  ^rec -> Record']), input: 'host r1\nif a\nrec\nif b\nhost r2\nif c\n' },
  { name: 'List with nested named groups', template: tpl(['Value List PAIRS ((?P<key>\\w+)=(?P<val>\\w+)?)', 'Value NAME (\\S+)', '', 'Start', '  ^name ${NAME}', '  ^\\s+${PAIRS}', '  ^end -> Record']), input: 'name a\n  x=1\n  y=\nend\nname b\nend\n' },
  { name: 'List,Filldown keeps its items', template: tpl(['Value List,Filldown A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^a ${A}', '  ^b ${B} -> Record', '  ^c -> Clear', '  ^ca -> Clearall']), input: 'a 1\nb x\nc\na 2\nb y\nca\nb z\n' },
  { name: 'Fillup', template: tpl(['Value Fillup A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^b ${B} -> Record', '  ^ab ${A} ${B} -> Record', '  ^a ${A}']), input: 'b 1\nab Q 2\nb 3\nb 4\na X\n' },
  { name: 'Continue, states, End', template: tpl(['Value A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^${A} -> Continue', '  ^\\S+ ${B} -> Record', '  ^go -> Two', '', 'Two', '  ^stop -> End', '  ^${A} -> Next.Record Start']), input: 'x y\ngo\nq\nz w\ngo\nstop\na b\n' },
  { name: 'EOF state suppresses the last record', template: tpl(['Value A (\\S+)', '', 'Start', '  ^${A}', '', 'EOF']), input: 'one\ntwo\n' },
  { name: 'Error with a message', template: tpl(['Value A (\\S+)', '', 'Start', '  ^bad -> Error "found a bad line"', '  ^${A} -> Record']), input: 'x\nbad\ny\n' },
  { name: 'an unmatched group resets a Filldown value', template: tpl(['Value Filldown A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^(?:a ${A}|b) ${B} -> Record']), input: 'a 1 x\nb y\n' },
  { name: 'Python regex features', template: tpl(['Value A ((?i:gig)\\S+)', 'Value B (\\d++)', 'Value C ((?>\\w+))', 'Value D ((?P<n>x)(?P=n))', '', 'Start', '  ^(?x: ${A} \\s+ ${B} ) \\s ${C}\\s+${D}\\Z -> Record']), input: 'GigabitEthernet1 12 abc xx\ngig2 3 d xx\n' },
  { name: 'Unicode \\w, \\d and \\s', template: tpl(['Value A (\\w+)', 'Value B (\\d+)', '', 'Start', '  ^${A}\\s${B}$$ -> Record']), input: 'héllo\u00a0١٢\nplain 12\n' },
  { name: 'str.splitlines boundaries', template: tpl(['Value A (.+)', '', 'Start', '  ^${A} -> Record']), input: 'a\u000bb\fc\u001cd\u0085e\u2028f\r\ng\rh' },
  { name: 'a bare $ is an error', template: tpl(['Value A (\\S+)', '', 'Start', '  ^${A}$ -> Record']), input: 'x\n' },
  { name: 'global flags after ^ are an error', template: tpl(['Value A (\\S+)', '', 'Start', '  ^(?i)${A} -> Record']), input: 'x\n' },
  { name: 'Continue may not change state', template: tpl(['Value A (\\S+)', '', 'Start', '  ^${A} -> Continue Start']), input: 'x\n' },
  { name: 'an undefined state', template: tpl(['Value A (\\S+)', '', 'Start', '  ^${A} -> Nowhere']), input: 'x\n' },
  { name: 'a rule indented three spaces', template: tpl(['Value A (\\S+)', '', 'Start', '   ^${A}']), input: 'x\n' },
];

describe('TextFSM: NetPoll and Python textfsm give the same records', function () {
  this.timeout(60_000);
  const python = findPython();

  before(function () {
    if (!python) this.skip();
  });

  it(python ? `the project's templates on the lab's outputs, through the index (${LAB_OUTPUTS.length} outputs)` : 'skipped: no python3 can import textfsm (install python3-textfsm)', async () => {
    const reference = runReference(python!, LAB_OUTPUTS.map((c) => ({ kind: 'index', ...c })));
    for (const [i, c] of LAB_OUTPUTS.entries()) {
      const ours = await parseCommandOutput(FIXTURES, c, c.input);
      const theirs = reference[i];
      const label = `${c.platform} / ${c.command}`;
      if ('noTemplate' in theirs) {
        assert.equal(ours.status, 'no-template', label);
        continue;
      }
      assert.ok('records' in theirs, `${label}: Python failed: ${JSON.stringify(theirs)}`);
      assert.equal(ours.status, 'parsed', `${label}: ${JSON.stringify(ours)}`);
      if (ours.status === 'parsed') assert.deepEqual(ours.records.map(asClitableCells), theirs.records, label);
    }
    // The cases are not vacuous: most outputs give records.
    assert.ok(reference.filter((r) => 'records' in r && r.records.length > 0).length >= 15);
  });

  it(python ? `every template in test/fixtures/textfsm on its own, header and rows` : 'skipped: no python3 can import textfsm', () => {
    const templates = LAB_OUTPUTS.filter((c) => c.platform !== 'linux');
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.textfsm'));
    const cases = files.flatMap((file) => templates.map((c) => ({ file, template: readFileSync(path.join(FIXTURES, file), 'utf8'), input: c.input })));
    const reference = runReference(python!, cases.map((c) => ({ kind: 'template', template: c.template, input: c.input })));
    cases.forEach((c, i) => compare(`${c.file} on ${c.input.slice(0, 30)}`, c.template, c.input, reference[i]));
  });

  it(python ? `the grammar's corners (${GRAMMAR.length} templates)` : 'skipped: no python3 can import textfsm', () => {
    const reference = runReference(python!, GRAMMAR.map((c) => ({ kind: 'template', template: c.template, input: c.input })));
    GRAMMAR.forEach((c, i) => compare(c.name, c.template, c.input, reference[i]));
  });
});

/**
 * The one difference kept on purpose: clitable's table turns every item of a List into text
 * with Python's str() (a nested-group item becomes "{'name': 'x'}", a missing one 'None');
 * NetPoll keeps them as objects and null. This applies str() to NetPoll's items to compare.
 */
function asClitableCells(record: Record<string, unknown>): Record<string, unknown> {
  const str = (item: unknown): string => {
    if (item === null) return 'None';
    if (typeof item === 'string') return item;
    return `{${Object.entries(item as Record<string, string | null>).map(([k, v]) => `${pythonRepr(k)}: ${v === null ? 'None' : pythonRepr(v)}`).join(', ')}}`;
  };
  return Object.fromEntries(Object.entries(record).map(([key, cell]) => [key, Array.isArray(cell) ? cell.map(str) : cell]));
}

/** Python's repr() of a str, for the texts these tests use. */
function pythonRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const body = text.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!).replace(new RegExp(quote, 'g'), `\\${quote}`);
  return `${quote}${body}${quote}`;
}

/** Same records, or an error of the same kind (a template refused, or an Error rule reached). */
function compare(label: string, template: string, input: string, theirs: Reference): void {
  let ours: { header: string[]; rows: unknown[][] } | { templateError: string } | { parseError: string };
  try {
    ours = parseTemplate(template, 'case.textfsm').parse(input);
  } catch (err) {
    if (err instanceof TemplateError) ours = { templateError: err.message };
    else if (err instanceof TextFsmError) ours = { parseError: err.message };
    else throw err;
  }
  if ('templateError' in theirs || 'parseError' in theirs) {
    assert.deepEqual(Object.keys(ours), Object.keys(theirs), `${label}: Python says ${JSON.stringify(theirs)}, NetPoll ${JSON.stringify(ours)}`);
  } else {
    assert.deepEqual(ours, theirs, label);
  }
}
