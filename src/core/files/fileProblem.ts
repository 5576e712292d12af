// Why a file could not be read or written, in words, with the system's code for searching:
// one wording for known_hosts, results files and whatever else NetPoll writes.

export function fileProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist (ENOENT)';
    case 'EISDIR':
      return 'it is a directory, not a file (EISDIR)';
    case 'ENOTDIR':
    case 'EEXIST':
      return `a file stands where one of its folders should be (${code})`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'EROFS':
      return 'the file system is read-only (EROFS)';
    case 'ENOSPC':
      return 'no space left on the device (ENOSPC)';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}
