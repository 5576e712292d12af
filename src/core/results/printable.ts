// Text from an inventory or a device, safe to put in one line of a log or a heading: control
// characters are shown escaped, so a name holding a newline cannot forge a second log line.

// C0 controls, DEL, C1 controls, and the two Unicode line breaks JavaScript and editors honour.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function printable(text: string): string {
  return text.replace(CONTROL, (char) => NAMED[char] ?? escapeCode(char.charCodeAt(0)));
}

function escapeCode(code: number): string {
  const hex = code.toString(16).padStart(2, '0');
  return code <= 0xff ? `\\x${hex}` : `\\u${hex.padStart(4, '0')}`;
}
