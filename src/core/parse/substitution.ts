// `${NAME}` and `$NAME` in a rule, replaced by the Value's regex exactly as Python's
// string.Template.substitute() does it: `$$` is a literal `$`, and any other `$` (such as a bare
// end-of-line `$`) is an error, which is why templates write `$$`.

const PLACEHOLDER = /\$(?:(\$)|([_A-Za-z][_A-Za-z0-9]*)|\{([_A-Za-z][_A-Za-z0-9]*)\}|())/g;

export class SubstitutionError extends Error {}

export function substituteValues(text: string, regexOf: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, escaped: string | undefined, named: string | undefined, braced: string | undefined, _invalid: string | undefined, offset: number) => {
    if (escaped !== undefined) return '$';
    const name = named ?? braced;
    if (name === undefined) throw new SubstitutionError(`a "$" that is neither $$ nor a Value name (column ${offset + 1}); write $$ for an end of line`);
    const regex = regexOf.get(name);
    if (regex === undefined) throw new SubstitutionError(`no Value named "${name}" for ${whole}`);
    return regex;
  });
}
