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
  buildHostConnectUrl,
  parseSignalMessage,
} from '../protocol';
import { channelFromHost } from './channel-from-host';
import { ProofmeErrorCode, ProofmeResult, ProofmeState, isTerminalState } from './proofme-state';
import { ProofmeZone } from './outside-angular';
import { reconnectDelay } from './reconnect-delay';

/** @internal What a session needs from its surroundings; the service supplies it from DI. */
export interface ProofmeSessionContext {
  readonly config: ProofmeConfig;
  /** `null`: no WebSocket here (see `PROOFME_WEBSOCKET`). */
  readonly webSocket: WebSocketConstructor | null;
  /** On the server platform a session opens nothing and stays `connecting`. */
  readonly isServer: boolean;
  readonly logger: ProofmeLogger;
  /** The jitter source; tests pin it. */
  readonly random?: () => number;
  /**
   * The app's zone (a no-op one in zoneless apps; none outside an app). With zone.js, every timer
   * and socket listener in the Angular zone is pending work that keeps `whenStable()` from
   * resolving, and so hydration from finishing, for as long as the QR code is shown.
   */
  readonly zone?: ProofmeZone | null;
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

  private connection: Connection | null = null;
  private retry: Subscription | null = null;
  private attempts = 0;
  private everOpened = false;
  private loggedProtocolError = false;
  /** Set once the session has ended (closed or a result): nothing opens or changes state after it. */
  private ended = false;
  // States reach state$ subscribers in order even when one of them calls refresh() or close().
  private readonly pendingStates: ProofmeState[] = [];
  private emitting = false;
  private readonly onDispose: () => void;

  /** @internal Use `ProofmeService.connect()`. */
  constructor(
    /** What this session identifies with. */
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
    if (this.ended || this.context.isServer || !this.context.webSocket) {
      if (ngDevMode && this.ended) this.context.logger.warn('refresh() on a session that has ended does nothing.');
      return;
    }
    this.attempts = 0;
    this.releaseConnection();
    this.setState({ status: 'connecting' });
    // A state$ subscriber may have closed the session or refreshed it again in the meantime.
    if (!this.ended && !this.connection && !this.retry) this.openConnection();
  }

  /** Ends the session: closes the socket, stops every timer, completes every stream. Idempotent. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
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

    // The socket's listeners and the timeout live outside the Angular zone; setState() re-enters it.
    this.outsideAngular(() => this.openSocket(url));
  }

  private openSocket(url: string): void {
    const { config } = this.context;
    const socket = webSocket<unknown>({
      url,
      WebSocketCtor: this.context.webSocket!,
      // Raw text in, parsed by us: rxjs's default JSON.parse would error the stream on a bad frame.
      deserializer: (event) => event.data,
      openObserver: { next: () => (connection.opened = this.everOpened = true) },
      closeObserver: { next: (event) => (connection.closeCode = event.code) },
    });
    // The current connection before any callback can run: every callback first checks it is still
    // the current one, so a socket or timer that outlived a refresh(), close() or reconnect is inert.
    const connection: Connection = { subscription: new Subscription(), socket, opened: false, hosted: false };
    this.connection = connection;
    const current = () => this.connection === connection;
    const lost = (cause: LossCause) => current() && this.onConnectionLost(cause, connection);

    connection.subscription.add(
      socket.subscribe({
        next: (raw) => current() && this.onFrame(raw, connection),
        error: () => lost('dropped'),
        complete: () => lost('dropped'),
      }),
    );
    if (config.connectTimeoutMs > 0 && current()) {
      connection.connectTimeout = timer(config.connectTimeoutMs).subscribe(() => lost('timeout'));
      connection.subscription.add(connection.connectTimeout);
    }
  }

  private onFrame(raw: unknown, connection: Connection): void {
    const parsed = parseSignalMessage(raw, { maxLength: this.context.config.maxFrameLength });
    if (!parsed.ok) {
      this.emit(this._protocolErrors$, parsed.error);
      if (ngDevMode && !this.loggedProtocolError) {
        this.loggedProtocolError = true;
        this.context.logger.warn(
          `Ignored a malformed frame from the signaling server (${parsed.error.kind}: ${parsed.error.message}). ` +
            'Further ones are reported on protocolErrors$ only.',
        );
      }
      return;
    }
    const message = parsed.message;
    this.emit(this._messages$, message);
    // A messages$ subscriber may have closed or refreshed the session: then this frame is stale.
    if (this.connection !== connection) return;
    if (message.type === 'host' && !connection.hosted) {
      connection.hosted = true;
      // Hosted, the timeout can no longer fire; left armed it is a pending timer until it would.
      connection.connectTimeout?.unsubscribe();
      this.onHost(message, connection);
    } else {
      this.onMessage(message);
    }
  }

  private onHost(message: HostMessage, connection: Connection): void {
    const host = channelFromHost(message, this.context.config);
    if (!host.ok) {
      this.fail(host.code, host.message);
      if (ngDevMode && host.code === 'PROOFME_SIGNAL_SERVER_REFUSED') {
        this.context.logger.warn(
          `No QR code was made: the server announced "${host.announced}". ${host.message} ` +
            'If this server is yours, add its origin to allowedSignalServers in provideProofme().',
        );
      }
      return;
    }
    this.attempts = 0;
    connection.subscription.add(this.keepAlive(connection));
    this.setState({ status: 'ready', ...host.channel });
  }

  private keepAlive(connection: Connection): Subscription {
    const { pingIntervalMs, pongTimeoutMs } = this.context.config;
    if (pingIntervalMs <= 0) return Subscription.EMPTY;
    // A pong is handled outside the Angular zone too, so waiting for the phone runs no change detection.
    return this.outsideAngular(() => this.pingEvery(pingIntervalMs, pongTimeoutMs, connection));
  }

  private pingEvery(pingIntervalMs: number, pongTimeoutMs: number, connection: Connection): Subscription {
    return interval(pingIntervalMs)
      .pipe(
        switchMap(() => {
          connection.socket.next({ type: 'ping' } satisfies HostToServerMessage);
          return pongTimeoutMs > 0 ? timer(pongTimeoutMs).pipe(takeUntil(this._pong$)) : EMPTY;
        }),
      )
      .subscribe(() => this.connection === connection && this.onConnectionLost('dropped', connection));
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
        // An outcome belongs to a channel a phone could have joined.
        if (state.status === 'ready' || state.status === 'scanned') {
          this.onResult(message.success ? { status: 'succeeded', message: message.message } : { status: 'failed', message: message.message });
        }
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
    if (this.context.config.autoRefresh && this._state().status === 'phone-left') this.refresh();
  }

  private onResult(result: ProofmeResult): void {
    this.ended = true;
    this.releaseConnection();
    // The result first: a state$ subscriber that closes the session on a terminal state must not
    // complete result$ empty.
    this.inAngular(() => this._result$.next(result));
    this.setState(result);
    this.dispose();
  }

  private onConnectionLost(cause: LossCause, connection: Connection): void {
    this.releaseConnection();
    if (this.ended) return;
    const { opened, hosted, closeCode } = connection;
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
    // Armed before the state is announced, so a subscriber's refresh() or close() can cancel it.
    const retry = this.outsideAngular(() =>
      timer(delayMs).subscribe(() => {
        if (this.retry !== retry) return;
        this.retry = null;
        this.openConnection();
      }),
    );
    this.retry = retry;
    this.setState({ status: 'reconnecting', attempt, delayMs });
  }

  private fail(code: ProofmeErrorCode, message: string): void {
    this.releaseConnection();
    this.setState({ status: 'error', code, message });
  }

  private setState(state: ProofmeState): void {
    // Subscribers (an app's own, the async pipe, component outputs) expect the Angular zone, where
    // a change is followed by change detection; the socket and timer callbacks run outside it.
    this.inAngular(() => this.applyState(state));
  }

  private applyState(state: ProofmeState): void {
    this._state.set(state);
    this.pendingStates.push(state);
    if (this.emitting) return;
    this.emitting = true;
    try {
      for (let next = this.pendingStates.shift(); next; next = this.pendingStates.shift()) this._state$.next(next);
    } finally {
      this.emitting = false;
    }
  }

  // Unsubscribing closes the socket (rxjs's webSocket does that, even while it is still connecting).
  private releaseConnection(): void {
    this.retry?.unsubscribe();
    this.retry = null;
    const connection = this.connection;
    this.connection = null;
    connection?.subscription.unsubscribe();
  }

  private dispose(): void {
    this.ended = true;
    this.inAngular(() => {
      this._state$.complete();
      this._result$.complete();
      this._messages$.complete();
      this._protocolErrors$.complete();
    });
    this._pong$.complete();
    this.onDispose();
  }

  /** Emits in the Angular zone, and only when someone listens: a pong nobody watches stays out of it. */
  private emit<T>(subject: Subject<T>, value: T): void {
    if (subject.observed) this.inAngular(() => subject.next(value));
  }

  private inAngular<T>(fn: () => T): T {
    return this.context.zone ? this.context.zone.run(fn) : fn();
  }

  private outsideAngular<T>(fn: () => T): T {
    return this.context.zone ? this.context.zone.runOutsideAngular(fn) : fn();
  }
}

/** One WebSocket connection (one channel attempt) and what it has seen. */
interface Connection {
  readonly subscription: Subscription;
  readonly socket: WebSocketSubject<unknown>;
  opened: boolean;
  hosted: boolean;
  connectTimeout?: Subscription;
  closeCode?: number;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled message ${JSON.stringify(value)}`);
}
