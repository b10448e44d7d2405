import * as fs from 'node:fs';

/** Writes a report to `--output FILE`, or to stdout. */
export function writeReport(text: string, outputFile: string | undefined): void {
  if (outputFile) fs.writeFileSync(outputFile, text.endsWith('\n') ? text : `${text}\n`);
  else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Colours only on a terminal, and never with NO_COLOR (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream, outputFile?: string): boolean {
  return !outputFile && Boolean(stream.isTTY) && !('NO_COLOR' in process.env);
}
