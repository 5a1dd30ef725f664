// Structured logs (pino, one JSON object a line). Request lines carry the request id and the operation
// name; headers are never logged, and any field that could hold a credential is redacted on the way out.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// By default stdout, written asynchronously: a synchronous write per request line would be a system call on
// the request's path; pino flushes what is pending when the process exits.
export function createLogger(level: string, destination: DestinationStream = pino.destination({ dest: 1, sync: false })): Logger {
  return pino(
    {
      level,
      base: { service: 'jak-kg' },
      redact: {
        paths: ['authorization', 'token', 'password', '*.authorization', '*.token', '*.password', 'headers', '*.headers'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** A logger that drops everything (tests and tools that build an app without logging). */
export const silentLogger: Logger = pino({ level: 'silent' });
