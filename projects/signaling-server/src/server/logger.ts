import pino, { Logger, LevelWithSilent } from 'pino';

/** The server's logger: the one given, or a JSON logger on stdout at the given level. */
export function createLogger(option: Logger | LevelWithSilent): Logger {
  if (typeof option !== 'string') return option;
  // Synchronous writes: the server only logs lifecycle events and refusals at `info`, and a
  // synchronous stream loses nothing when SIGTERM ends the process.
  return pino({ name: 'proofme-signal', level: option }, pino.destination({ dest: 1, sync: true }));
}
