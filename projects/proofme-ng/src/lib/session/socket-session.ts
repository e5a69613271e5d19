import { Signal, signal } from '@angular/core';
import { AsyncSubject, Observable, ReplaySubject, Subject, Subscription, distinctUntilChanged, timer } from 'rxjs';
import { ProofmeConfig } from '../config/proofme-config';
import { ProofmeLogger, WebSocketConstructor } from '../config/tokens';
import { ProofmeError, ProofmeTarget, ProtocolError, ServerMessage, buildHostConnectUrl, parseSignalMessage } from 'proofme-ng/protocol';
import { ProofmeZone } from './outside-angular';
import { ProofmeSession } from './proofme-session';
import { ProofmeResult, ProofmeState } from './proofme-state';
import { HandedSignalingConnection, SignalingSocket, SignalingSocketListener, openSignalingSocket } from './signaling-socket';
import {
  ConnectPlan,
  SessionEffect,
  SessionEvent,
  SessionMachineEnv,
  SessionMachineState,
  SessionTimer,
  initialSessionState,
  transition,
} from './session-machine';

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
  /**
   * Hands over an open connection to `url` that already has its channel (the preflight's probe),
   * if one is waiting: the session then starts from it instead of opening a second one.
   */
  readonly adopt?: (url: string) => HandedSignalingConnection | null;
  /** The clock (epoch ms) for `retryAt`, `expiresAt` and the countdown; tests pin it. Default `Date.now`. */
  readonly now?: () => number;
  /** Whether the browser has a network (`PROOFME_ONLINE`); absent: always online. */
  readonly online$?: Observable<boolean>;
  /** Whether the page is visible (`PROOFME_PAGE_VISIBLE`); absent: always visible. */
  readonly visible$?: Observable<boolean>;
}

/**
 * @internal The session `ProofmeService.connect()` makes: {@link ProofmeSession} over a WebSocket.
 * Not exported from the public API, so its constructor (which needs DI's context) is not public.
 *
 * What happens when is decided by `transition()` (session-machine.ts); this class feeds it events
 * and runs the effects it returns.
 */
export class SocketSession extends ProofmeSession {
  private readonly _state = signal<ProofmeState>({ status: 'connecting' });
  private readonly _state$ = new ReplaySubject<ProofmeState>(1);
  private readonly _result$ = new AsyncSubject<ProofmeResult>();
  private readonly _messages$ = new Subject<ServerMessage>();
  private readonly _protocolErrors$ = new Subject<ProtocolError>();

  /** The current state; a late subscriber gets it at once. */
  override readonly state$: Observable<ProofmeState> = this._state$.asObservable();
  /** The current state as a signal. */
  override readonly state: Signal<ProofmeState> = this._state.asReadonly();
  /** The outcome: emits once (succeeded or failed), then completes. Completes empty if closed first. */
  override readonly result$: Observable<ProofmeResult> = this._result$.asObservable();
  /** Every well-formed message from the server. */
  override readonly messages$: Observable<ServerMessage> = this._messages$.asObservable();
  /** Every frame that was rejected, and why. The session carries on regardless. */
  override readonly protocolErrors$: Observable<ProtocolError> = this._protocolErrors$.asObservable();

  private readonly _expiresInMs = signal<number | null>(null);
  /** See `ProofmeSession.expiresInMs`: whole minutes, then whole seconds in the last minute. */
  override readonly expiresInMs: Signal<number | null> = this._expiresInMs.asReadonly();

  private machine: SessionMachineState = initialSessionState();
  private readonly env: Omit<SessionMachineEnv, 'random' | 'now'>;
  private readonly random: () => number;
  // Events run to completion one at a time: one that a subscriber causes while effects run (a
  // refresh() on "reconnecting", say) waits until they are done, so states reach every subscriber
  // in order and no effect acts on a state that has moved on.
  private readonly queue: SessionEvent[] = [];
  private draining = false;
  private socket: SignalingSocket | null = null;
  /** The socket handed over at construction, until the machine takes it (`adopt-socket`). */
  private handed: SignalingSocket | null = null;
  private readonly timers = new Map<SessionTimer, Subscription>();
  private readonly onDispose: () => void;
  /** The rotation's second socket, until its channel makes it the live one (`promote-standby`). */
  private standby: SignalingSocket | null = null;
  /** The timer to the countdown's next change, while a `ready` state has an `expiresAt`. */
  private countdown: Subscription | null = null;
  /** The browser's network and visibility reports, until the session ends. */
  private readonly browser = new Subscription();
  private readonly now: () => number;

  constructor(
    override readonly target: ProofmeTarget,
    private readonly context: ProofmeSessionContext,
    onDispose: () => void = () => undefined,
  ) {
    super();
    this.onDispose = onDispose;
    this.env = { config: context.config, connect: connectPlan(target, context) };
    this.random = context.random ?? Math.random;
    this.now = context.now ?? Date.now;
    this._state$.next(this._state());
    const { connect } = this.env;
    const handed = connect.kind === 'url' ? (context.adopt?.(connect.url) ?? null) : null;
    if (!handed) {
      this.dispatch({ type: 'start' });
    } else {
      this.handed = handed.socket;
      this.dispatch({ type: 'adopt', host: handed.host });
      // Not taken (the machine started afresh instead): nobody else will close it.
      this.handed?.close();
      this.handed = null;
    }
    this.watchBrowser();
  }

  /**
   * Starts the pending reconnect attempt now instead of at `retryAt`. From `expired`, `phone-left`,
   * `offline` or a retryable error it is `refresh()`, so one "Retry now" button serves them all.
   * Does nothing in other states.
   */
  override retryNow(): void {
    this.dispatch({ type: 'retry-now' });
  }

  /**
   * Feeds the browser's network and visibility to the machine. Subscribed outside the Angular zone:
   * the events need no change detection of their own (a state change brings it), and a listener
   * must not be pending work in zone.js apps. A session that ended at once subscribes to nothing.
   */
  private watchBrowser(): void {
    if (this.machine.connection === null && this.machine.view.status !== 'connecting') return;
    const { online$, visible$ } = this.context;
    this.outsideAngular(() => {
      if (online$) this.browser.add(online$.pipe(distinctUntilChanged()).subscribe((online) => this.dispatch({ type: 'network', online })));
      if (visible$) this.browser.add(visible$.pipe(distinctUntilChanged()).subscribe((visible) => this.dispatch({ type: 'visibility', visible })));
    });
  }

  /** Drops the current channel and opens a new one: a new QR code. No-op once the session has ended. */
  override refresh(): void {
    this.dispatch({ type: 'refresh' });
  }

  /** Ends the session: closes the socket, stops every timer, completes every stream. Idempotent. */
  override close(): void {
    this.dispatch({ type: 'close' });
  }

  private dispatch(event: SessionEvent): void {
    this.queue.push(event);
    if (this.draining) return;
    this.draining = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const { state, effects } = transition(this.machine, next, { ...this.env, random: this.random(), now: this.now() });
        this.machine = state;
        for (const effect of effects) this.run(effect);
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * The one place where sockets open and timers start (and stop). Socket and timer callbacks only
   * dispatch events naming their connection; the machine ignores those of a connection it has replaced.
   */
  private run(effect: SessionEffect): void {
    switch (effect.type) {
      case 'open-socket':
        // Outside the Angular zone: the socket's listeners are registered where it is made.
        this.socket = this.outsideAngular(() => openSignalingSocket(effect.url, this.context.webSocket!, this.listener(effect.connectionId)));
        return;
      case 'adopt-socket':
        this.socket = this.handed;
        this.handed = null;
        this.socket?.listen(this.listener(effect.connectionId));
        return;
      case 'close-socket':
        this.socket?.close();
        this.socket = null;
        return;
      case 'open-standby':
        this.standby = this.outsideAngular(() => openSignalingSocket(effect.url, this.context.webSocket!, this.listener(effect.connectionId)));
        return;
      case 'close-standby':
        this.standby?.close();
        this.standby = null;
        return;
      case 'promote-standby':
        // The old QR code's socket goes only now that the new channel is there: no gap on screen.
        this.socket?.close();
        this.socket = this.standby;
        this.standby = null;
        return;
      case 'send-ping':
        this.socket?.send({ type: 'ping' });
        return;
      case 'arm-timer': {
        const { timer: kind, connectionId } = effect;
        this.timers.get(kind)?.unsubscribe();
        // Outside the Angular zone: a ping interval or connect timeout inside it is pending work for
        // as long as the QR code is shown, and with zone.js the app never becomes stable.
        this.timers.set(
          kind,
          this.outsideAngular(() =>
            timer(effect.delayMs).subscribe(() => {
              this.timers.delete(kind);
              this.dispatch({ type: 'timer', timer: kind, connectionId });
            }),
          ),
        );
        return;
      }
      case 'cancel-timers':
        for (const kind of effect.timers) {
          this.timers.get(kind)?.unsubscribe();
          this.timers.delete(kind);
        }
        return;
      // Subscribers (an app's own, the async pipe, component outputs) expect the Angular zone, where a
      // change is followed by change detection; socket and timer callbacks arrive outside it.
      case 'emit-state':
        this.inAngular(() => {
          this._state.set(effect.state);
          this._state$.next(effect.state);
        });
        this.runCountdown(effect.state);
        return;
      case 'emit-result':
        this.inAngular(() => this._result$.next(effect.result));
        return;
      case 'emit-message':
        this.emitObserved(this._messages$, effect.message);
        return;
      case 'emit-protocol-error':
        this.emitObserved(this._protocolErrors$, effect.error);
        return;
      case 'warn':
        if (ngDevMode) this.context.logger.warn(effect.message);
        return;
      case 'raise':
        this.queue.push(effect.event);
        return;
      case 'complete':
        this.browser.unsubscribe();
        this.inAngular(() => {
          this._state$.complete();
          this._result$.complete();
          this._messages$.complete();
          this._protocolErrors$.complete();
        });
        this.onDispose();
        return;
      default:
        assertNever(effect);
    }
  }

  /**
   * Socket events as machine events naming their connection. Effects run inside dispatch(), so
   * whatever the socket reports while they run waits in the queue.
   */
  private listener(connectionId: number): SignalingSocketListener {
    const { maxFrameLength } = this.context.config;
    return {
      opened: () => this.dispatch({ type: 'socket-open', connectionId }),
      frame: (raw) => this.dispatch({ type: 'frame', connectionId, frame: parseSignalMessage(raw, { maxLength: maxFrameLength }) }),
      closed: (code) => this.dispatch({ type: 'socket-closed', connectionId, code }),
    };
  }

  /**
   * Keeps `expiresInMs` current while `state` is `ready` with an `expiresAt`: one timer to the next
   * change of the shown value (see `expiresInStep()`), none otherwise.
   */
  private runCountdown(state: ProofmeState): void {
    this.countdown?.unsubscribe();
    this.countdown = null;
    const expiresAt = state.status === 'ready' ? state.expiresAt : undefined;
    if (expiresAt === undefined) {
      this._expiresInMs.set(null);
      return;
    }
    const update = (): void => {
      const left = expiresAt - this.now();
      const { value, nextChangeInMs } = expiresInStep(left);
      this._expiresInMs.set(value);
      // It stops at 0: the server's close (or a rotation) brings the next state. Outside the zone, as
      // every other timer here; a signal set needs no zone to reach an OnPush view.
      this.countdown = value === 0 ? null : this.outsideAngular(() => timer(nextChangeInMs).subscribe(update));
    };
    update();
  }

  /** Emits in the Angular zone, and only when someone listens: a pong nobody watches stays out of it. */
  private emitObserved<T>(subject: Subject<T>, value: T): void {
    if (subject.observed) this.inAngular(() => subject.next(value));
  }

  private inAngular<T>(fn: () => T): T {
    return this.context.zone ? this.context.zone.run(fn) : fn();
  }

  private outsideAngular<T>(fn: () => T): T {
    return this.context.zone ? this.context.zone.runOutsideAngular(fn) : fn();
  }
}

/** Where this session's sockets go, decided once: the target and the platform do not change. */
function connectPlan(target: ProofmeTarget, context: ProofmeSessionContext): ConnectPlan {
  if (context.isServer) return { kind: 'server-platform' };
  if (!context.webSocket) return { kind: 'unsupported' };
  try {
    return { kind: 'url', url: buildHostConnectUrl(context.config.signalingUrl, target, { keepalive: context.config.keepalive }) };
  } catch (error) {
    // The state carries the code itself: its message stays the bare reason, as before ProofmeError.
    const message = error instanceof ProofmeError ? error.message.replace(`[proofme-ng] ${error.code}: `, '') : String(error);
    return { kind: 'invalid-target', message };
  }
}

/** @throws {ProofmeError} PROOFME_INTERNAL: the types rule this out; reaching it is a bug. */
function assertNever(value: never): never {
  throw new ProofmeError('PROOFME_INTERNAL', `Unhandled effect ${JSON.stringify(value)}`);
}

/**
 * What `expiresInMs` shows for `leftMs` milliseconds left, and when that changes next. Whole minutes
 * (rounded up) while more than a minute is left, whole seconds in the last one: a 10-minute channel
 * wakes the page 9 times before its last minute instead of 540, so an app waiting for a phone stays
 * stable (SSR hydration and `whenStable()` see no change detection every second).
 */
export function expiresInStep(leftMs: number): { value: number; nextChangeInMs: number } {
  if (leftMs <= 0) return { value: 0, nextChangeInMs: 0 };
  const step = leftMs > 60_000 ? 60_000 : 1_000;
  const value = Math.ceil(leftMs / step) * step;
  return { value, nextChangeInMs: leftMs - (value - step) };
}
