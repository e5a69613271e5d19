import { CLOSE } from './close-codes';
import { closeThenCut } from './flow-control';
import type { RejectedFrameReason } from './metrics';
import { describeSocket, SignalingSocket } from './signaling-socket';

// Fixed close reasons: they never echo client data, so they always fit the 123-byte limit.
const CLOSE_REASONS: Readonly<Record<RejectedFrameReason, string>> = {
  binary: 'Binary frames are not supported',
  'not-json': 'Frame is not JSON',
  'not-object': 'Frame is not a JSON object',
  'unknown-type': 'Unknown message type',
  'invalid-field': 'Invalid message field',
  'too-large': 'Frame too large',
  unexpected: 'Message not allowed here',
  'rate-limit': 'Too many messages',
};

/** A close code and fixed reason that replace the default ones for a refusal the client must tell apart. */
export interface RejectClose {
  readonly code: number;
  /** At most 123 bytes, never client data. */
  readonly reason: string;
}

/** Counts and logs a refused frame, then closes only that socket: 1003 for binary, 1008 otherwise (a flood too), or `close`; cut after 1 s if the peer does not answer. */
export function rejectFrame(socket: SignalingSocket, reason: RejectedFrameReason, detail: string, close?: RejectClose): void {
  const context = socket.context;
  if (context) {
    context.counters.rejectedFrames[reason]++;
    context.logger.warn({ ...describeSocket(socket), reason }, `frame refused: ${detail}`);
  }
  if (close) closeThenCut(socket, close.code, close.reason, false);
  else closeThenCut(socket, reason === 'binary' ? CLOSE.unsupportedData : CLOSE.policyViolation, CLOSE_REASONS[reason], reason === 'rate-limit');
}
