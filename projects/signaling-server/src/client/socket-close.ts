import type WebSocket from 'ws';

/** How a WebSocket ended: its close code and reason. */
export interface SocketClose {
  readonly code: number;
  readonly reason: string;
}

/** Resolves once `ws` has closed (at once if it already has), with the code it closed with. */
export function whenClosed(ws: WebSocket): Promise<SocketClose> {
  return new Promise((resolve) => {
    ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() }));
  });
}

/** Sends `frame` and resolves once it is written; rejects if the socket is no longer open. */
export function sendFrame(ws: WebSocket, frame: string): Promise<void> {
  return new Promise((resolve, reject) => ws.send(frame, (error) => (error ? reject(error) : resolve())));
}
