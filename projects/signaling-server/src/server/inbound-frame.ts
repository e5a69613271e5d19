import type { RawData } from 'ws';
import { ɵownField as ownField, type ResultMessage } from 'proofme-ng/protocol';
import type { RejectedFrameReason } from './metrics';

/** Longest `message` a phone may put in a `result` (Proofme's are short codes such as IDENTIFICATION_SUCCESS). */
export const MAX_RESULT_MESSAGE_LENGTH = 256;

/** A frame from a host or phone after parsing; anything else is refused. */
export type InboundMessage =
  | { readonly type: 'ping' }
  | { readonly type: 'leave' }
  | ResultMessage
  /** WebRTC signalling from a real Proofme app: accepted and dropped, there is no peer here to answer it. */
  | { readonly type: 'offer' | 'answer' | 'candidate' };

/** The outcome of {@link parseInboundFrame}. */
export type InboundParse =
  | { readonly ok: true; readonly message: InboundMessage }
  | { readonly ok: false; readonly reason: RejectedFrameReason; readonly detail: string };

const refuse = (reason: RejectedFrameReason, detail: string): InboundParse => ({ ok: false, reason, detail });

/** Parses one frame from a client. Never throws; the frame never reaches a log, only the reason. */
export function parseInboundFrame(data: RawData, isBinary: boolean): InboundParse {
  if (isBinary) return refuse('binary', 'binary frames are not part of the protocol');
  let value: unknown;
  try {
    value = JSON.parse(data.toString());
  } catch {
    return refuse('not-json', 'the frame is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse('not-object', 'the frame is not a JSON object');
  const type = ownField(value, 'type');
  switch (type) {
    case 'ping':
    case 'leave':
    case 'offer':
    case 'answer':
    case 'candidate':
      return { ok: true, message: { type } };
    case 'result': {
      const success = ownField(value, 'success');
      const message = ownField(value, 'message');
      if (typeof success !== 'boolean') return refuse('invalid-field', 'result.success must be a boolean');
      if (typeof message !== 'string' || message.length > MAX_RESULT_MESSAGE_LENGTH) {
        return refuse('invalid-field', `result.message must be a string of at most ${MAX_RESULT_MESSAGE_LENGTH} characters`);
      }
      return { ok: true, message: { type, success, message } };
    }
    default:
      return refuse('unknown-type', typeof type === 'string' ? `unknown type "${type.slice(0, 32)}"` : 'no string type');
  }
}
