// A progress bar for long CLI operations (seeding, exports), on stderr so that stdout stays data. On a
// terminal it redraws one line (bar, counts, percentage, rate), at most every 100 ms; elsewhere (CI logs,
// pipes) it prints a plain line every few seconds instead, so logs stay readable.

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Known in advance (a bar and a percentage) or not (counts and rate only). */
  total?: number;
  unit?: string;
  stream?: ProgressStream;
  /** Plain-line interval when the stream is not a terminal. */
  plainIntervalMs?: number;
  now?: () => number;
}

export interface Progress {
  /** The count so far, and optionally what is being worked on. */
  update(done: number, detail?: string): void;
  /** Clears the bar and prints the closing line. */
  finish(message: string): void;
}

const BAR_WIDTH = 24;
const number = (n: number) => Math.round(n).toLocaleString('en-US');

export function describe(label: string, done: number, seconds: number, unit: string, total?: number, detail?: string): string {
  const rate = seconds > 0 ? `${number(done / seconds)} ${unit}/s` : `- ${unit}/s`;
  const counts = total !== undefined ? `${number(done)}/${number(total)} ${unit}` : `${number(done)} ${unit}`;
  const percent = total ? ` ${Math.floor((100 * Math.min(done, total)) / total)}%` : '';
  return `${label}: ${counts}${percent}, ${rate}${detail ? ` (${detail})` : ''}`;
}

function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((BAR_WIDTH * Math.min(done, total)) / total) : BAR_WIDTH;
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
}

export function createProgress(label: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const unit = options.unit ?? 'rows';
  const tty = Boolean(stream.isTTY);
  const interval = tty ? 100 : (options.plainIntervalMs ?? 2_000);
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;

  const line = (done: number, detail?: string) => {
    const text = describe(label, done, (now() - started) / 1000, unit, options.total, detail);
    return tty && options.total !== undefined ? `${bar(done, options.total)} ${text}` : text;
  };

  return {
    update(done, detail) {
      const t = now();
      if (t - lastDraw < interval) return;
      lastDraw = t;
      if (tty) {
        const width = stream.columns ?? 100;
        stream.write(`\r\x1b[K${line(done, detail).slice(0, width - 1)}`);
        drawn = true;
      } else {
        stream.write(`${line(done, detail)}\n`);
      }
    },
    finish(message) {
      if (drawn) stream.write('\r\x1b[K');
      stream.write(`${message}\n`);
    },
  };
}
