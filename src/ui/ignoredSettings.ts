// Workspace values of settings that NetPoll does not apply are said once per window each: in
// the log, and in a notification, naming the setting, so nobody believes they are in force.
import * as vscode from 'vscode';
import { describeIgnored, IgnoredSetting } from './hostKeySettings';

export class IgnoredSettingNotices {
  private readonly said = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  report(ignored: readonly IgnoredSetting[]): void {
    for (const entry of ignored) {
      const key = JSON.stringify([entry.setting, entry.scope, entry.value]);
      if (this.said.has(key)) continue;
      this.said.add(key);
      const text = describeIgnored(entry);
      this.log.warn(text);
      void vscode.window.showWarningMessage(text);
    }
  }
}
