import { ServerMessage } from './messages';
import { isUuid } from './uuid';
import { isWebSocketUrl } from './signal-server';
import { objectFields, ownField } from './untrusted-input';

/** Why a frame from the signaling server was rejected. */
export type ProtocolErrorKind = 'not-json' | 'not-object' | 'unknown-type' | 'invalid-field' | 'too-large';

/** A rejected frame: what was wrong with it, never the frame itself. */
export interface ProtocolError {
  readonly kind: ProtocolErrorKind;
  /** A human-readable explanation. */
  readonly message: string;
  /** For `invalid-field`: the offending field. */
  readonly field?: string;
  /** For `unknown-type`: the `type` value received (cut to 64 characters). */
  readonly type?: string;
  /** For `too-large`: the frame's length in characters. */
  readonly size?: number;
}

/** The outcome of {@link parseSignalMessage}: a typed message or a typed error. */
export type ParseResult =
  | { readonly ok: true; readonly message: ServerMessage }
  | { readonly ok: false; readonly error: ProtocolError };

/** Options of {@link parseSignalMessage}. */
export interface ParseOptions {
  /** Frames longer than this many characters are refused before parsing. Default 64 KiB. */
  readonly maxLength?: number;
}

/** The default frame size limit: far beyond any real frame (the biggest is under 1 KiB). */
export const DEFAULT_MAX_FRAME_LENGTH = 64 * 1024;

const fail = (error: ProtocolError): ParseResult => ({ ok: false, error });

const invalid = (field: string, expected: string): ParseResult =>
  fail({ kind: 'invalid-field', field, message: `Field "${field}" must be ${expected}.` });

/**
 * Parses one text frame from the signaling server. Never throws: anything that is not a known,
 * well-formed message comes back as a {@link ProtocolError}. Unknown extra fields are dropped.
 */
export function parseSignalMessage(raw: unknown, options: ParseOptions = {}): ParseResult {
  if (typeof raw !== 'string') {
    return fail({ kind: 'not-json', message: 'The frame is not text.' });
  }
  const maxLength = options.maxLength ?? DEFAULT_MAX_FRAME_LENGTH;
  if (raw.length > maxLength) {
    return fail({ kind: 'too-large', size: raw.length, message: `The frame has ${raw.length} characters; the limit is ${maxLength}.` });
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return fail({ kind: 'not-json', message: 'The frame is not valid JSON.' });
  }
  const fields = objectFields(data);
  if (!fields) return fail({ kind: 'not-object', message: 'The frame is not a JSON object.' });
  return parseFields(fields);
}

function parseFields(fields: Readonly<Record<string, unknown>>): ParseResult {
  const type = ownField(fields, 'type');
  if (typeof type !== 'string') return invalid('type', 'a string');

  const success = ownField(fields, 'success');
  if (success !== undefined && typeof success !== 'boolean') return invalid('success', 'a boolean');
  const message = ownField(fields, 'message');
  if (message !== undefined && typeof message !== 'string') return invalid('message', 'a string');

  switch (type) {
    case 'host': {
      // Legacy servers name the channel `uuid`.
      const channelId = ownField(fields, 'channelId') ?? ownField(fields, 'uuid');
      if (!isUuid(channelId)) return invalid('channelId', 'a UUID');
      const signalServer = ownField(fields, 'signalServer');
      if (signalServer !== undefined && !isWebSocketUrl(signalServer)) return invalid('signalServer', 'a ws: or wss: URL');
      const expiresAt = ownField(fields, 'expiresAt');
      // Our server's extension: a whole, positive epoch-ms time, or the frame is not trusted.
      if (expiresAt !== undefined && !(Number.isSafeInteger(expiresAt) && (expiresAt as number) > 0)) {
        return invalid('expiresAt', 'a positive integer (epoch milliseconds)');
      }
      return {
        ok: true,
        message: {
          type,
          success: success ?? true,
          channelId,
          ...(signalServer !== undefined && { signalServer }),
          ...(message !== undefined && { message }),
          ...(expiresAt !== undefined && { expiresAt: expiresAt as number }),
        },
      };
    }
    case 'clientconnected':
      return { ok: true, message: { type, ...(success !== undefined && { success }) } };
    case 'disconnect':
    case 'pong':
      return { ok: true, message: { type } };
    case 'result':
      if (success === undefined) return invalid('success', 'a boolean');
      return { ok: true, message: { type, success, message: message ?? '' } };
    default:
      return fail({ kind: 'unknown-type', type: type.slice(0, 64), message: `Unknown message type "${type.slice(0, 64)}".` });
  }
}
