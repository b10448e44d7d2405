import { LineIndex } from './text';

/** One file's text as the engine sees it: from disk, or an editor's unsaved buffer. */
export class SourceFile {
  private index: LineIndex | undefined;

  /**
   * @param path absolute path, `/`-separated
   * @param relativePath path relative to the workspace root, `/`-separated
   */
  constructor(
    readonly path: string,
    readonly relativePath: string,
    readonly text: string,
  ) {}

  get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }
}
