import { Signal, signal } from '@angular/core';
import { AsyncSubject, EMPTY, Observable, ReplaySubject, Subject, Subscription, interval, switchMap, takeUntil, timer } from 'rxjs';
import { WebSocketSubject, webSocket } from 'rxjs/webSocket';
import { ProofmeConfig } from '../config/proofme-config';
import { ProofmeLogger, WebSocketConstructor } from '../config/tokens';
import {
  HostMessage,
  HostToServerMessage,
  PROOFME_CLOSE_CODES,
  ProofmeTarget,
  ProtocolError,
  ServerMessage,
  buildDeeplink,
  buildHostConnectUrl,
  parseSignalMessage,
  validateSignalServer,
} from '../protocol';
import { ProofmeErrorCode, ProofmeResult, ProofmeState, isTerminalState } from './proofme-state';
import { reconnectDelay } from './reconnect-delay';

/** What a session needs from its surroundings; the service supplies it from DI. */
export interface ProofmeSessionContext {
  readonly config: ProofmeConfig;
  /** `null`: no WebSocket here (see `PROOFME_WEBSOCKET`). */
  readonly webSocket: WebSocketConstructor | null;
  /** On the server platform a session opens nothing and stays `connecting`. */
  readonly isServer: boolean;
  readonly logger: ProofmeLogger;
  /** The jitter source; tests pin it. */
  readonly random?: () => number;
}

type LossCause = 'dropped' | 'timeout';

/**
 * One identification on one page: a signaling connection that yields a channel, a QR code, the
 * phone's progress and the result. Reconnects to a new channel when the connection drops.
 * Made by `ProofmeService.connect()`; ended by `close()` or by the injector that made it.
 */
export class ProofmeSession {
  private readonly _state = signal<ProofmeState>({ status: 'connecting' });
  private readonly _state$ = new ReplaySubject<ProofmeState>(1);
  private readonly _result$ = new AsyncSubject<ProofmeResult>();
  private readonly _messages$ = new Subject<ServerMessage>();
  private readonly _protocolErrors$ = new Subject<ProtocolError>();
  private readonly _pong$ = new Subject<void>();

  /** The current state; a late subscriber gets it at once. */
  readonly state$: Observable<ProofmeState> = this._state$.asObservable();
  /** The current state as a signal. */
  readonly state: Signal<ProofmeState> = this._state.asReadonly();
  /** The outcome: emits once (succeeded or failed), then completes. Completes empty if closed first. */
  readonly result$: Observable<ProofmeResult> = this._result$.asObservable();
  /** Every well-formed message from the server. */
  readonly messages$: Observable<ServerMessage> = this._messages$.asObservable();
  /** Every frame that was rejected, and why. The session carries on regardless. */
  readonly protocolErrors$: Observable<ProtocolError> = this._protocolErrors$.asObservable();

  private connection: Subscription | null = null;
  private socket: WebSocketSubject<unknown> | null = null;
  private retry: Subscription | null = null;
  private attempts = 0;
  private everOpened = false;
  private loggedProtocolError = false;
  private disposed = false;
  private readonly onDispose: () => void;

  /** @internal Use `ProofmeService.connect()`. */
  constructor(
    readonly target: ProofmeTarget,
    private readonly context: ProofmeSessionContext,
    onDispose: () => void = () => undefined,
  ) {
    this.onDispose = onDispose;
    this._state$.next(this._state());
    if (context.isServer) return;
    if (!context.webSocket) {
      this.fail('PROOFME_UNSUPPORTED', 'This browser has no WebSocket support.');
      return;
    }
    this.openConnection();
  }

  /** Drops the current channel and opens a new one: a new QR code. No-op once the session has ended. */
  refresh(): void {
    if (this.disposed || isTerminalState(this._state()) || this.context.isServer || !this.context.webSocket) {
      if (ngDevMode && !this.context.isServer) this.context.logger.warn('refresh() on a session that has ended does nothing.');
      return;
    }
    this.attempts = 0;
    this.setState({ status: 'connecting' });
    this.openConnection();
  }

  /** Ends the session: closes the socket, stops every timer, completes every stream. Idempotent. */
  close(): void {
    if (this.disposed) return;
    this.releaseConnection();
    if (!isTerminalState(this._state())) this.setState({ status: 'closed' });
    this.dispose();
  }

  private openConnection(): void {
    this.releaseConnection();
    const { config } = this.context;
    let url: string;
    try {
      url = buildHostConnectUrl(config.signalingUrl, this.target, { keepalive: config.keepalive });
    } catch (error) {
      this.fail('PROOFME_INVALID_TARGET', (error as Error).message);
      return;
    }

    const connection = new Subscription();
    let opened = false;
    let hosted = false;
    let closeCode: number | undefined;
    const socket = webSocket<unknown>({
      url,
      WebSocketCtor: this.context.webSocket!,
      // Raw text in, parsed by us: rxjs's default JSON.parse would error the stream on a bad frame.
      deserializer: (event) => event.data,
      openObserver: { next: () => (opened = this.everOpened = true) },
      closeObserver: { next: (event) => (closeCode = event.code) },
    });
    const lost = (cause: LossCause) => this.onConnectionLost(cause, opened, hosted, closeCode);

    connection.add(
      socket.subscribe({
        next: (raw) => {
          const message = this.readFrame(raw);
          if (message?.type === 'host' && !hosted) {
            hosted = true;
            this.onHost(message, connection);
          } else if (message) {
            this.onMessage(message);
          }
        },
        error: () => lost('dropped'),
        complete: () => lost('dropped'),
      }),
    );
    if (config.connectTimeoutMs > 0) {
      connection.add(timer(config.connectTimeoutMs).subscribe(() => hosted || lost('timeout')));
    }
    this.connection = connection;
    this.socket = socket;
  }

  private readFrame(raw: unknown): ServerMessage | null {
    const parsed = parseSignalMessage(raw, { maxLength: this.context.config.maxFrameLength });
    if (parsed.ok) {
      this._messages$.next(parsed.message);
      return parsed.message;
    }
    this._protocolErrors$.next(parsed.error);
    if (ngDevMode && !this.loggedProtocolError) {
      this.loggedProtocolError = true;
      this.context.logger.warn(
        `Ignored a malformed frame from the signaling server (${parsed.error.kind}: ${parsed.error.message}). ` +
          'Further ones are reported on protocolErrors$ only.',
      );
    }
    return null;
  }

  private onHost(message: HostMessage, connection: Subscription): void {
    const { config } = this.context;
    if (!message.success) {
      this.fail('PROOFME_HOST_REFUSED', message.message || 'The signaling server refused to host a channel.');
      return;
    }
    const candidate = message.signalServer ?? config.signalingUrl;
    const validation = validateSignalServer(candidate, {
      allowInsecureLoopback: config.allowInsecureLoopback,
      allowed: config.allowedSignalServers,
    });
    if (!validation.ok) {
      this.fail('PROOFME_SIGNAL_SERVER_REFUSED', validation.message);
      if (ngDevMode) {
        this.context.logger.warn(
          `No QR code was made: the server announced "${candidate}". ${validation.message} ` +
            'If this server is yours, add its origin to allowedSignalServers in provideProofme().',
        );
      }
      return;
    }
    this.attempts = 0;
    this.setState({
      status: 'ready',
      channelId: message.channelId,
      signalServer: validation.url,
      deeplink: buildDeeplink(message.channelId, validation.url, config.deeplinkBase),
    });
    connection.add(this.keepAlive());
  }

  private keepAlive(): Subscription {
    const { pingIntervalMs, pongTimeoutMs } = this.context.config;
    if (pingIntervalMs <= 0) return Subscription.EMPTY;
    return interval(pingIntervalMs)
      .pipe(
        switchMap(() => {
          this.send({ type: 'ping' });
          return pongTimeoutMs > 0 ? timer(pongTimeoutMs).pipe(takeUntil(this._pong$)) : EMPTY;
        }),
      )
      .subscribe(() => this.onConnectionLost('dropped', true, true, undefined));
  }

  private onMessage(message: ServerMessage): void {
    const state = this._state();
    switch (message.type) {
      case 'host':
        // A second `host` on the same connection: the channel we show stays the one the phone can join.
        return;
      case 'clientconnected':
        if (state.status === 'ready') this.setState({ ...state, status: 'scanned' });
        return;
      case 'disconnect':
        if (state.status === 'ready' || state.status === 'scanned') this.onPhoneLeft(state.channelId);
        return;
      case 'result':
        this.onResult(message.success ? { status: 'succeeded', message: message.message } : { status: 'failed', message: message.message });
        return;
      case 'pong':
        this._pong$.next();
        return;
      default:
        assertNever(message);
    }
  }

  private onPhoneLeft(channelId: string): void {
    this.releaseConnection();
    this.setState({ status: 'phone-left', channelId });
    if (this.context.config.autoRefresh) this.refresh();
  }

  private onResult(result: ProofmeResult): void {
    this.releaseConnection();
    this.setState(result);
    this._result$.next(result);
    this.dispose();
  }

  private onConnectionLost(cause: LossCause, opened: boolean, hosted: boolean, closeCode: number | undefined): void {
    this.releaseConnection();
    if (this.disposed) return;
    if (closeCode === PROOFME_CLOSE_CODES.channelExpired) {
      this.setState({ status: 'expired' });
      return;
    }
    if (opened && !hosted && closeCode === 1000) {
      // A deliberate close before any channel: the server will not host this target (finished,
      // revoked or unknown identification). Retrying would be refused the same way.
      this.fail('PROOFME_HOST_REFUSED', 'The signaling server closed the connection without opening a channel.');
      return;
    }
    if (cause === 'dropped' && !opened && !this.everOpened) {
      this.fail(
        'PROOFME_HANDSHAKE_REFUSED',
        'Could not open the signaling connection: the server is unreachable or refused this page.',
      );
      if (ngDevMode) {
        this.context.logger.warn(
          `The connection to ${this.context.config.signalingUrl} closed before it opened. Check that the URL is right and ` +
            "that this page's origin is allowed in Proofme's dashboard (My page > Custom page): " +
            'a server that refuses the origin answers 403, which a browser reports only as close code 1006.',
        );
      }
      return;
    }
    const { reconnect } = this.context.config;
    if (this.attempts >= reconnect.maxAttempts) {
      this.fail(
        cause === 'timeout' ? 'PROOFME_CONNECT_TIMEOUT' : 'PROOFME_UNREACHABLE',
        cause === 'timeout'
          ? 'The signaling server did not open a channel in time.'
          : 'The connection to the signaling server was lost and could not be restored.',
      );
      return;
    }
    const attempt = ++this.attempts;
    const delayMs = reconnectDelay(attempt, reconnect, this.context.random);
    this.setState({ status: 'reconnecting', attempt, delayMs });
    this.retry = timer(delayMs).subscribe(() => this.openConnection());
  }

  private send(message: HostToServerMessage): void {
    this.socket?.next(message);
  }

  private fail(code: ProofmeErrorCode, message: string): void {
    this.releaseConnection();
    this.setState({ status: 'error', code, message });
  }

  private setState(state: ProofmeState): void {
    this._state.set(state);
    this._state$.next(state);
  }

  // Unsubscribing closes the socket (rxjs's webSocket does that, even while it is still connecting).
  private releaseConnection(): void {
    this.retry?.unsubscribe();
    this.retry = null;
    this.connection?.unsubscribe();
    this.connection = null;
    this.socket = null;
  }

  private dispose(): void {
    this.disposed = true;
    this._state$.complete();
    this._result$.complete();
    this._messages$.complete();
    this._protocolErrors$.complete();
    this._pong$.complete();
    this.onDispose();
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled message ${JSON.stringify(value)}`);
}
