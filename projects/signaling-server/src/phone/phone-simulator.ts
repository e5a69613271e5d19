import WebSocket from 'ws';
import { buildPhoneConnectUrl, parseDeeplink } from 'proofme-ng/protocol';
import { sendFrame, SocketClose, whenClosed } from '../client/socket-close';
import type { ClientMessage } from '../server/outbound-messages';
import { PhoneSimulatorError } from './phone-errors';

/** Options of {@link PhoneSimulator}. */
export interface PhoneSimulatorOptions {
  /** The server for legacy `p2p:<uuid>` links, which name none (a real app falls back to Proofme's). */
  readonly defaultSignalServer?: string;
  /** How long `join()` waits for the `client` message. Default 10 s. */
  readonly joinTimeoutMs?: number;
  /** Extra upgrade headers, e.g. an `Origin` (a real phone sends none). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Local address to connect from (a load test spreads thousands of phones over 127.0.0.x). */
  readonly localAddress?: string;
}

/** The simulator's own frame for the outcome: Proofme's phone reports it over WebRTC instead (README). */
interface SimulatedResultFrame {
  readonly type: 'result';
  readonly success: boolean;
  readonly message: string;
}

/**
 * A scripted Proofme phone: each step is one thing a phone does. It reads the deeplink with the
 * library's own parser, exactly as the app must, and joins the channel as the V2 app does.
 */
export class PhoneSimulator {
  /** The WebSocket URL the phone opens: `<signalServer>?channel=<channelId>`. */
  readonly url: string;
  private socket: WebSocket | null = null;
  private closedPromise: Promise<SocketClose> | null = null;

  constructor(
    readonly signalServer: string,
    readonly channelId: string,
    private readonly options: PhoneSimulatorOptions = {},
  ) {
    this.url = buildPhoneConnectUrl(signalServer, channelId);
  }

  /** A phone for the channel in `deeplink` (the QR content). Throws `PROOFME_PHONE_INVALID_DEEPLINK`. */
  static fromDeeplink(deeplink: string, options: PhoneSimulatorOptions = {}): PhoneSimulator {
    const parsed = parseDeeplink(deeplink);
    if (!parsed.ok) throw new PhoneSimulatorError('PROOFME_PHONE_INVALID_DEEPLINK', parsed.message);
    const signalServer = parsed.deeplink.signalServer ?? options.defaultSignalServer;
    if (!signalServer) throw new PhoneSimulatorError('PROOFME_PHONE_INVALID_DEEPLINK', 'The link names no signal server and no defaultSignalServer was given.');
    return new PhoneSimulator(signalServer, parsed.deeplink.channelId, options);
  }

  /** Resolves when the socket closes, with the server's code; `null` before `join()`. */
  get closed(): Promise<SocketClose> | null {
    return this.closedPromise;
  }

  /** Connects and waits for the V2 `client` message. A refused channel rejects with `PROOFME_PHONE_REFUSED`. */
  join(): Promise<ClientMessage> {
    if (this.socket) return Promise.reject(new PhoneSimulatorError('PROOFME_PHONE_NOT_JOINED', 'join() was already called.'));
    const { headers, localAddress } = this.options;
    const socket = new WebSocket(this.url, { headers: { ...headers }, localAddress, perMessageDeflate: false });
    this.socket = socket;
    this.closedPromise = whenClosed(socket);
    return new Promise<ClientMessage>((resolve, reject) => {
      const settle = (error: PhoneSimulatorError | null, client?: ClientMessage): void => {
        clearTimeout(timer);
        socket.off('unexpected-response', onHttpError).off('error', onError).off('close', onClose).off('message', onMessage);
        socket.on('error', ignore); // later errors end in `close`, which `closed` reports
        if (error) {
          socket.terminate();
          reject(error);
        } else resolve(client as ClientMessage);
      };
      const onHttpError = (_request: unknown, response: { statusCode?: number }): void =>
        settle(new PhoneSimulatorError('PROOFME_PHONE_CONNECT_FAILED', `The server refused the upgrade with HTTP ${response.statusCode}.`));
      const onError = (error: Error): void =>
        settle(new PhoneSimulatorError('PROOFME_PHONE_CONNECT_FAILED', `Cannot connect to ${this.signalServer}: ${error.message}`));
      const onClose = (code: number): void =>
        settle(
          new PhoneSimulatorError(
            'PROOFME_PHONE_REFUSED',
            `The server closed the connection (${code}) without a client message: the channel is unknown, expired or already taken.`,
            code,
          ),
        );
      const onMessage = (data: WebSocket.RawData): void => {
        const client = asClientMessage(data.toString(), this.channelId);
        if (client) settle(null, client);
        else settle(new PhoneSimulatorError('PROOFME_PHONE_PROTOCOL', 'The first message was not a V2 client message for this channel.'));
      };
      const timer = setTimeout(
        () => settle(new PhoneSimulatorError('PROOFME_PHONE_TIMEOUT', `No client message from ${this.signalServer} in time.`)),
        this.options.joinTimeoutMs ?? 10_000,
      );
      socket.on('unexpected-response', onHttpError).on('error', onError).on('close', onClose).on('message', onMessage);
    });
  }

  /** Reports a successful identification (`IDENTIFICATION_SUCCESS` unless told otherwise). */
  succeed(message = 'IDENTIFICATION_SUCCESS'): Promise<void> {
    return this.send({ type: 'result', success: true, message });
  }

  /** Reports a failed identification. */
  fail(message = 'IDENTIFICATION_FAILED'): Promise<void> {
    return this.send({ type: 'result', success: false, message });
  }

  /** Says `leave` and closes, like a user backing out; resolves with how the socket closed. */
  async leave(): Promise<SocketClose> {
    await this.send({ type: 'leave' });
    return this.close();
  }

  /** Closes without a word (the app was killed or lost its network politely). */
  close(): Promise<SocketClose> {
    if (!this.socket || !this.closedPromise) return Promise.resolve({ code: 1005, reason: 'never joined' });
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000, 'Phone done');
    return this.closedPromise;
  }

  private send(frame: SimulatedResultFrame | { readonly type: 'leave' }): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new PhoneSimulatorError('PROOFME_PHONE_NOT_JOINED', `Cannot send ${frame.type}: the phone is not joined.`));
    }
    return sendFrame(socket, JSON.stringify(frame));
  }
}

function ignore(): void {}

function asClientMessage(text: string, channelId: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const fields = value as Partial<Record<keyof ClientMessage, unknown>>;
  const config = fields.webRtcConnectionConfig as { iceServers?: unknown } | undefined;
  const ok = fields.type === 'client' && fields.success === true && fields.channelId === channelId && Array.isArray(config?.iceServers);
  return ok ? (value as ClientMessage) : null;
}
