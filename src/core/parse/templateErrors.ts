// The two ways a template fails: it cannot be read (TemplateError, naming the file and the line),
// or its rules stop on the input (TextFsmError, from an Error action).

export class TemplateError extends Error {
  constructor(
    readonly file: string,
    /** 1-based; undefined when the fault is the template as a whole. */
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${reason}`);
  }
}

export class TextFsmError extends Error {
  constructor(
    readonly file: string,
    readonly ruleLine: number,
    readonly reason: string,
    /** 1-based line of the input the rule stopped on. */
    readonly inputLine: number,
    readonly inputText: string,
  ) {
    super(`${file}:${ruleLine}: ${reason} (input line ${inputLine}: ${JSON.stringify(inputText)})`);
  }
}
