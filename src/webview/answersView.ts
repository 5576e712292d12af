// The Answers tab: per command, the devices grouped by identical answer, with counts; for
// parsed commands, each field's values across every record. A group filters the devices table.
import type { CommandAnswers } from '../core/results/overview';
import { h } from './dom';

export class AnswersView {
  readonly element = h('div', { class: 'answers', role: 'region', 'aria-label': 'Answers across devices' });

  constructor(private readonly selectGroup: (commandIndex: number, group: number) => void) {}

  show(answers: CommandAnswers[], commands: string[]): void {
    if (answers.length === 0) {
      this.element.replaceChildren(h('p', { class: 'quiet' }, 'No device has answered yet.'));
      return;
    }
    this.element.replaceChildren(...answers.map((answer) => this.section(answer, commands.indexOf(answer.command))));
  }

  private section(answer: CommandAnswers, commandIndex: number): HTMLElement {
    const distinct = answer.groups.length;
    const heading = h('h2', {}, h('code', {}, answer.command), `: ${distinct} distinct ${distinct === 1 ? 'answer' : 'answers'}: ${answer.groups.map((g) => g.count).join(' · ')}`);
    const groups = h(
      'ul',
      { class: 'groups', 'aria-label': `Answers to ${answer.command}` },
      ...answer.groups.map((group) =>
        h(
          'li',
          {},
          h(
            'button',
            { class: 'group', 'data-command': commandIndex, 'data-group': group.id, title: `Show the ${group.count} devices with this answer`, onclick: () => this.selectGroup(commandIndex, group.id) },
            h('span', { class: 'badge' }, String(group.count)),
            h('span', { class: 'sample' }, group.sample === '' ? '(an empty answer, or only lines that change on every poll)' : group.sample),
            h('span', { class: 'quiet' }, ` e.g. ${group.example}`),
          ),
        ),
      ),
    );
    const fields = answer.fields?.length
      ? h(
          'dl',
          { class: 'fields', 'aria-label': `Parsed values of ${answer.command}` },
          ...answer.fields.flatMap((field) => [
            h('dt', {}, field.field, h('span', { class: 'quiet' }, ` (${field.distinct} distinct)`)),
            h('dd', {}, ...field.values.map((v) => h('span', { class: 'value' }, v.value === '' ? '(empty)' : v.value, h('span', { class: 'badge' }, `× ${v.count}`))), field.distinct > field.values.length ? h('span', { class: 'quiet' }, `and ${field.distinct - field.values.length} more`) : undefined),
          ]),
        )
      : undefined;
    return h('section', { class: 'command-answers' }, heading, groups, fields);
  }
}
