// `~` at the start of a path is the home folder, as in a shell: for every path a person types
// (key_file, known_hosts, the templates folder), in settings, inventories and on the command line.
import * as os from 'node:os';

export function withHome(file: string): string {
  return file.replace(/^~(?=$|[/\\])/, os.homedir());
}
