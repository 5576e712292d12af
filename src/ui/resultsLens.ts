// A link at the top of every results document to the same poll in the results view.
import * as vscode from 'vscode';

export class ResultsLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const kind = document.uri.path.split('/')[1];
    if (kind !== 'results' && kind !== 'stored') return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const source = kind === 'stored' ? { kind: 'stored', dir: (JSON.parse(document.uri.query) as { dir: string }).dir } : { kind: 'latest', inventory: document.uri.query };
    return [new vscode.CodeLens(top, { title: '$(table) Show results view', tooltip: 'This poll as a table, answers across devices, parsed tables and a timeline', command: 'netpoll.showResultsView', arguments: [source] })];
  }
}
