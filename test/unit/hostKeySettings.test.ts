// Host-key settings with ssh's precedence: the user's choice stands, a workspace can only make
// the check stricter, a workspace known_hosts file is ignored, and each ignored value is named.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeIgnored, hostKeySettings } from '../../src/ui/hostKeySettings';

const none = {};

describe('host-key settings a workspace can only make stricter', () => {
  it('takes the user value, else the default', () => {
    assert.equal(hostKeySettings(none, none).hostKeyPolicy, 'accept-new');
    assert.equal(hostKeySettings({ globalValue: 'off' }, none).hostKeyPolicy, 'off');
    assert.equal(hostKeySettings({ globalValue: 'loose' }, none).hostKeyPolicy, 'accept-new', 'a value that is no policy is not one');
    assert.deepEqual(hostKeySettings(none, none).ignored, []);
  });

  it('lets a workspace or folder tighten the policy', () => {
    assert.equal(hostKeySettings({ workspaceValue: 'strict' }, none).hostKeyPolicy, 'strict');
    assert.equal(hostKeySettings({ globalValue: 'off', workspaceFolderValue: 'accept-new' }, none).hostKeyPolicy, 'accept-new');
    const both = hostKeySettings({ globalValue: 'off', workspaceValue: 'strict', workspaceFolderValue: 'accept-new' }, none);
    assert.equal(both.hostKeyPolicy, 'strict', 'the strictest ask wins');
    assert.deepEqual(both.ignored.map((i) => [i.scope, i.value]), [['workspace folder', 'accept-new']]);
  });

  it('ignores a workspace that would loosen it, and says which setting and value', () => {
    const settings = hostKeySettings({ globalValue: 'strict', workspaceValue: 'off' }, none);
    assert.equal(settings.hostKeyPolicy, 'strict');
    assert.equal(settings.ignored.length, 1);
    assert.equal(
      describeIgnored(settings.ignored[0]),
      'NetPoll ignores netpoll.hostKeyPolicy "off" in the workspace settings: a workspace can only make host-key checking stricter; "strict" applies (from user settings or the default).',
    );
    assert.equal(hostKeySettings({ workspaceValue: 'off', workspaceFolderValue: 'off' }, none).ignored.length, 1, 'one settings file, said once');
    const byDefault = hostKeySettings({ workspaceFolderValue: 'off' }, none);
    assert.equal(byDefault.hostKeyPolicy, 'accept-new');
    assert.deepEqual(byDefault.ignored.map((i) => [i.setting, i.scope, i.value]), [['netpoll.hostKeyPolicy', 'workspace folder', 'off']]);
    assert.match(describeIgnored(hostKeySettings({ workspaceValue: 'OFF' }, none).ignored[0]), /"OFF" .*not one of accept-new, strict, off; "accept-new" applies/);
  });

  it('reads known_hosts from user or machine settings only, ~ expanded', () => {
    assert.equal(hostKeySettings(none, none).knownHostsFile, undefined);
    assert.equal(hostKeySettings(none, { globalValue: '~/.ssh/lab_hosts' }).knownHostsFile, path.join(os.homedir(), '.ssh/lab_hosts'));
    const planted = hostKeySettings(none, { globalValue: '/etc/ssh/netpoll_hosts', workspaceValue: '/tmp/attacker_hosts' });
    assert.equal(planted.knownHostsFile, '/etc/ssh/netpoll_hosts');
    assert.equal(
      describeIgnored(planted.ignored[0]),
      'NetPoll ignores netpoll.knownHostsFile "/tmp/attacker_hosts" in the workspace settings: known_hosts is chosen in user or machine settings only; /etc/ssh/netpoll_hosts applies.',
    );
    const folder = hostKeySettings(none, { workspaceFolderValue: './known_hosts' });
    assert.equal(folder.knownHostsFile, undefined);
    assert.match(describeIgnored(folder.ignored[0]), /in the workspace folder settings: .*the default ~\/\.ssh\/known_hosts applies/);
    assert.deepEqual(hostKeySettings(none, { globalValue: '/a', workspaceValue: '/a' }).ignored, [], 'the same value changes nothing');
  });

  it('package.json gives the settings scopes that keep workspace values where this code can judge them', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    const properties = manifest.contributes.configuration.properties;
    // machine-overridable: workspace values reach inspect(), so a stricter one can apply.
    assert.equal(properties['netpoll.hostKeyPolicy'].scope, 'machine-overridable');
    // machine: VS Code itself drops workspace values, and this code ignores any that reach it.
    assert.equal(properties['netpoll.knownHostsFile'].scope, 'machine');
  });
});
