// Values kept out of devices.yaml: ${env:NAME}, ${secret:NAME} and ${prompt:NAME}.
// The inventory keeps the references; they are resolved per device just before it is
// polled, so a value that cannot be resolved fails only the devices that use it.

export type ReferenceKind = 'env' | 'secret' | 'prompt';

export interface Reference {
  kind: ReferenceKind;
  name: string;
}

/** Where each kind of value comes from: the command line and the extension differ. */
export interface ValueSource {
  env(name: string): string | undefined;
  /** A stored secret, asked for (and stored) when missing; undefined if the user gives none. */
  secret(name: string): Promise<string | undefined>;
  /** Asked once per poll; undefined if the user gives none. */
  prompt(name: string): Promise<string | undefined>;
}

export class UnresolvedValueError extends Error {}

const REFERENCE = /\$\{(env|secret|prompt):([A-Za-z_][\w.-]*)\}/g;
/**
 * Anything that starts like a reference, to catch misspelled and unclosed ones: `${` up to its
 * `}`, or up to the next `${` or the end when there is none (so `${env:A ${env:B}` is one
 * unclosed `${env:A ` next to a valid reference, not one malformed whole).
 */
const ANY_REFERENCE = /\$\{(?:(?!\$\{)[^}])*\}?/g;

export function referencesIn(value: string): Reference[] {
  return [...value.matchAll(REFERENCE)].map((m) => ({ kind: m[1] as ReferenceKind, name: m[2] }));
}

/** `${...}` parts that are not a valid reference (misspelled, or with no closing `}`), for diagnostics. */
export function malformedReferences(value: string): string[] {
  return [...value.matchAll(ANY_REFERENCE)].map((m) => m[0]).filter((text) => referencesIn(text).length === 0);
}

/** What is wrong with each malformed reference in `value`, said so it can be fixed. */
export function referenceProblems(value: string): string[] {
  return malformedReferences(value).map((text) =>
    text.endsWith('}') ? `"${text}" is not a reference NetPoll knows; use \${env:NAME}, \${secret:NAME} or \${prompt:NAME}` : `"${text.trimEnd()}" is not closed: add } after the name`,
  );
}

export function hasReference(value: string): boolean {
  return referencesIn(value).length > 0;
}

/**
 * Returns a resolver that asks `source` once per reference for the whole poll, so a
 * ${prompt:...} used by forty devices is asked once, and concurrent devices share the answer.
 */
export function createResolver(source: ValueSource): (value: string) => Promise<string> {
  const answers = new Map<string, Promise<string | undefined>>();
  const lookup = (ref: Reference): Promise<string | undefined> => {
    const key = `${ref.kind}:${ref.name}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = ref.kind === 'env' ? Promise.resolve(source.env(ref.name)) : ref.kind === 'secret' ? source.secret(ref.name) : source.prompt(ref.name);
      answers.set(key, answer);
    }
    return answer;
  };
  return async (value) => {
    const refs = referencesIn(value);
    if (refs.length === 0) return value;
    const values = await Promise.all(refs.map(lookup));
    refs.forEach((ref, i) => {
      if (values[i] === undefined) throw new UnresolvedValueError(describeMissing(ref));
    });
    let i = 0;
    return value.replace(REFERENCE, () => values[i++]!);
  };
}

function describeMissing(ref: Reference): string {
  switch (ref.kind) {
    case 'env':
      return `\${env:${ref.name}} is not set: the environment variable ${ref.name} is missing`;
    case 'secret':
      return `\${secret:${ref.name}} has no value: it is not stored and none was given`;
    case 'prompt':
      return `\${prompt:${ref.name}} has no value: none was given`;
  }
}
