import WebSocket from 'ws';
import { CLOSE } from './close-codes';
import { describeSocket, SignalingSocket } from './signaling-socket';

/**
 * A socket the server closes for misbehaving is cut this long after its close frame if the peer has
 * not answered: `ws` would wait 30 s, and a peer that does not read never answers.
 */
const CUT_AFTER_CLOSE_MS = 1000;

/**
 * Starts the closing handshake with `code`, and cuts the TCP connection if it is not done within a
 * second. `stopReading` for a flooder: otherwise the server would go on parsing (and dropping)
 * whatever it sends until the cut, at full loopback speed.
 */
export function closeThenCut(socket: WebSocket, code: number, reason: string, stopReading = false): void {
  socket.close(code, reason);
  if (stopReading) socket.pause();
  setTimeout(() => socket.terminate(), CUT_AFTER_CLOSE_MS).unref();
}

/**
 * Token bucket per socket: `messageBurst` tokens, refilled at `messagesPerSecond`. Takes one for an
 * incoming frame; false means the socket is over its rate (the caller closes it with 1008).
 * `messagesPerSecond` 0 means no limit.
 */
export function takeMessageToken(socket: SignalingSocket, now: number): boolean {
  const options = socket.context?.options;
  if (!options || options.messagesPerSecond === 0) return true;
  const refill = ((now - socket.tokensCountedAt) * options.messagesPerSecond) / 1000;
  socket.tokens = Math.min(options.messageBurst, socket.tokens + refill);
  socket.tokensCountedAt = now;
  if (socket.tokens < 1) return false;
  socket.tokens--;
  return true;
}

/**
 * Sends a text frame unless the socket's unsent bytes would pass `maxBufferedBytes`: then the
 * frame is dropped and the socket closed with 1013 and cut a second later, so a peer that does not
 * read cannot grow the server's memory. Sending to a socket that is no longer open does nothing.
 */
export function sendFrame(socket: SignalingSocket, frame: string): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  const context = socket.context;
  if (context && socket.bufferedAmount + frame.length > context.options.maxBufferedBytes) {
    context.counters.backpressureClosed++;
    context.logger.warn({ ...describeSocket(socket), bufferedBytes: socket.bufferedAmount }, 'socket closed: it does not read what it is sent');
    closeThenCut(socket, CLOSE.tryAgainLater, 'Send buffer full', true);
    return;
  }
  socket.send(frame);
}
