import { ProofmeConfig } from '../config/proofme-config';
import { HostMessage, PROOFME_CLOSE_CODES, ParseResult, ProofmeError, ProtocolError, ServerMessage, channelFromHost } from 'proofme-ng/protocol';
import { ProofmeErrorCode, ProofmeResult, ProofmeState, isRecoverableState, isTerminalState } from './proofme-state';
import { reconnectDelay } from './reconnect-delay';

// The whole life of a ProofmeSession as one pure function: `transition(state, event, env)` returns
// the next state and the effects to run, as data. ProofmeSession only runs them. Nothing here
// touches a socket, a timer, a clock or Math.random, so every row of the life is a table row in
// session-machine.spec.ts.

/** The timers a session runs. At most one of each kind is armed at a time: arming one replaces it. */
export type SessionTimer =
  | 'connect-timeout'
  | 'retry'
  | 'ping'
  | 'pong-timeout'
  /** `reconnect.stableAfterMs` after a channel that came with attempts spent: the attempt count starts again. */
  | 'stable'
  /** `rotateBeforeExpiryMs` before the channel's `expiresAt`: a standby connection opens for the next channel. */
  | 'rotate';

/** How far one connection (one socket, one channel attempt) has got. */
export type ConnectionPhase =
  /** No socket yet: the `retry` timer opens it. */
  | 'waiting'
  /** The socket exists and is opening. */
  | 'connecting'
  /** Open, but no channel (`host` frame) yet. */
  | 'open'
  /** The server gave it a channel. */
  | 'hosted';

/**
 * The session's one live connection. Every socket and timer event names the connection it belongs
 * to, and only this one's are heard: events of a replaced socket or an outlived timer are stale.
 */
export interface SessionConnection {
  /** A counter: connection 1, 2, 3… of this session. */
  readonly id: number;
  /** How far it has got; also says which timers it may have armed. */
  readonly phase: ConnectionPhase;
}

/** Everything a session knows; `view` is what the page sees. */
export interface SessionMachineState {
  /** The public state: what `state` and `state$` show. */
  readonly view: ProofmeState;
  /** Reconnect attempts in the current outage; reset by a channel that stayed up `reconnect.stableAfterMs`, or by `refresh()`. */
  readonly attempts: number;
  /** Whether any connection of this session has opened: after that, a socket that never opens is a drop, not a refusal. */
  readonly everOpened: boolean;
  /** The id of the newest connection, so the next one gets a fresh id. */
  readonly lastConnectionId: number;
  /** The live connection, or `null` when nothing is open or waiting (terminal, error, phone-left, expired, server platform). */
  readonly connection: SessionConnection | null;
  /** A malformed frame has been logged; later ones only reach `protocolErrors$`. */
  readonly loggedProtocolError: boolean;
  /** The server has answered a ping in this session: from then on the pong watchdog arms with each ping. */
  readonly pongSeen: boolean;
  /** What the browser last said about its network (`online`/`offline` events); online until told otherwise. */
  readonly network: 'online' | 'offline';
  /** The page is hidden (`visibilitychange`): rotation waits until it is visible. */
  readonly hidden: boolean;
  /**
   * A second connection opened while the live one still shows its QR code (rotation before expiry).
   * Its `host` frame makes it the live one; its failure only drops it.
   */
  readonly standby: SessionConnection | null;
}

/** Where a session's sockets go; decided once, when the session is made. */
export type ConnectPlan =
  /** Every connection opens this URL (a new channel each time). */
  | { readonly kind: 'url'; readonly url: string }
  /** Server-side rendering: nothing opens and the session stays `connecting`. */
  | { readonly kind: 'server-platform' }
  /** No WebSocket in this environment. */
  | { readonly kind: 'unsupported' }
  /** The target is not a UUID: the connect URL could not be built. */
  | { readonly kind: 'invalid-target'; readonly message: string };

/** What the machine reads besides its state and the event. */
export interface SessionMachineEnv {
  /** Timeouts, ping interval, reconnect policy, autoRefresh and the signal-server policy. */
  readonly config: ProofmeConfig;
  /** Where sockets go. */
  readonly connect: ConnectPlan;
  /** A number in [0, 1) for the reconnect jitter, drawn by the caller so that `transition` stays pure. */
  readonly random: number;
  /** The time of the event (epoch ms), read by the caller: `retryAt`, `expiresAt` and the rotation timer come from it. */
  readonly now: number;
}

/** Something that happened to a session: a call, a socket, a timer, a frame. */
export type SessionEvent =
  /** The session was made. */
  | { readonly type: 'start' }
  /**
   * The session was made with a connection handed over (the preflight's probe): already open, with
   * the `host` frame it received. Starting from it saves a second handshake and a second channel.
   */
  | { readonly type: 'adopt'; readonly host: HostMessage }
  | { readonly type: 'socket-open'; readonly connectionId: number }
  /** The socket closed (with the close frame's `code`) or failed (no `code`). */
  | { readonly type: 'socket-closed'; readonly connectionId: number; readonly code?: number }
  /** A frame arrived, parsed at the edge. */
  | { readonly type: 'frame'; readonly connectionId: number; readonly frame: ParseResult }
  /** A well-formed message, after `messages$` subscribers have seen it (see the `frame` row). */
  | { readonly type: 'message'; readonly connectionId: number; readonly message: ServerMessage }
  /** A timer armed by an `arm-timer` effect ran out. */
  | { readonly type: 'timer'; readonly timer: SessionTimer; readonly connectionId: number }
  /** `refresh()`. */
  | { readonly type: 'refresh' }
  /** Raised after the phone left with `autoRefresh` on: a refresh unless a subscriber acted first. */
  | { readonly type: 'auto-refresh' }
  /** `close()`. */
  | { readonly type: 'close' }
  /** `retryNow()`: the pending attempt starts at once; from a recoverable state, a refresh. */
  | { readonly type: 'retry-now' }
  /** The browser's `online`/`offline` events (and `navigator.onLine` at the start). */
  | { readonly type: 'network'; readonly online: boolean }
  /** The page's `visibilitychange` (and `document.visibilityState` at the start). */
  | { readonly type: 'visibility'; readonly visible: boolean };

/** What the session should do, as data; ProofmeSession runs these in order. */
export type SessionEffect =
  | { readonly type: 'open-socket'; readonly connectionId: number; readonly url: string }
  /** Takes the handed-over socket (see the `adopt` event) as connection `connectionId`. */
  | { readonly type: 'adopt-socket'; readonly connectionId: number }
  /** Closes the one open socket (also while it is still opening). */
  | { readonly type: 'close-socket' }
  /** Opens a second socket beside the live one (rotation); its events name `connectionId`. */
  | { readonly type: 'open-standby'; readonly connectionId: number; readonly url: string }
  /** Closes the standby socket. */
  | { readonly type: 'close-standby' }
  /** Closes the live socket and makes the standby socket the live one. */
  | { readonly type: 'promote-standby' }
  | { readonly type: 'send-ping' }
  /** Arms `timer` (replacing one of its kind); it fires a `timer` event naming `connectionId`. */
  | { readonly type: 'arm-timer'; readonly timer: SessionTimer; readonly delayMs: number; readonly connectionId: number }
  | { readonly type: 'cancel-timers'; readonly timers: readonly SessionTimer[] }
  | { readonly type: 'emit-state'; readonly state: ProofmeState }
  | { readonly type: 'emit-result'; readonly result: ProofmeResult }
  | { readonly type: 'emit-message'; readonly message: ServerMessage }
  | { readonly type: 'emit-protocol-error'; readonly error: ProtocolError }
  /** A dev-mode hint for the developer. */
  | { readonly type: 'warn'; readonly message: string }
  /** Queue `event` behind whatever the effects before this one caused (a subscriber's `close()`, say). */
  | { readonly type: 'raise'; readonly event: SessionEvent }
  /** Complete every stream and let the service forget the session. */
  | { readonly type: 'complete' };

/** The result of one step. */
export interface SessionTransition {
  readonly state: SessionMachineState;
  readonly effects: readonly SessionEffect[];
}

/** A session before its `start` event. */
export function initialSessionState(): SessionMachineState {
  return {
    view: { status: 'connecting' },
    attempts: 0,
    everOpened: false,
    lastConnectionId: 0,
    connection: null,
    loggedProtocolError: false,
    pongSeen: false,
    network: 'online',
    hidden: false,
    standby: null,
  };
}

/** One step of a session's life. Pure: the same arguments always give the same answer. */
export function transition(state: SessionMachineState, event: SessionEvent, env: SessionMachineEnv): SessionTransition {
  switch (event.type) {
    case 'start':
      // A session starts once; its later connections come from retries and refreshes.
      return state.lastConnectionId === 0 && state.view.status === 'connecting' ? start(state, env) : unchanged(state);
    case 'adopt':
      if (state.lastConnectionId !== 0 || state.view.status !== 'connecting') return unchanged(state);
      // Only a `url` plan opens sockets; any other starts as it would have (the session closes the socket it was handed).
      return env.connect.kind === 'url' ? adopt(state, event.host, env) : start(state, env);
    case 'socket-open': {
      const standby = standbyOf(state, event.connectionId);
      if (standby?.phase === 'connecting') return { state: { ...state, standby: { ...standby, phase: 'open' } }, effects: [] };
      const connection = live(state, event.connectionId);
      if (connection?.phase !== 'connecting') return unchanged(state);
      return { state: { ...state, everOpened: true, connection: { ...connection, phase: 'open' } }, effects: [] };
    }
    case 'socket-closed': {
      if (standbyOf(state, event.connectionId)) return dropStandby(state);
      const connection = live(state, event.connectionId);
      return connection ? lose(state, connection, 'dropped', event.code, env) : unchanged(state);
    }
    case 'frame':
      return live(state, event.connectionId) || standbyOf(state, event.connectionId)
        ? frame(state, event.connectionId, event.frame)
        : unchanged(state);
    case 'message': {
      const standby = standbyOf(state, event.connectionId);
      if (standby) return event.message.type === 'host' ? rotated(state, standby, event.message, env) : unchanged(state);
      const connection = live(state, event.connectionId);
      return connection ? message(state, connection, event.message, env) : unchanged(state);
    }
    case 'timer':
      return timerFired(state, event.timer, event.connectionId, env);
    case 'refresh':
      return refresh(state, env);
    case 'auto-refresh':
      // A subscriber may have refreshed or closed the session on `phone-left`: that wins.
      return state.view.status === 'phone-left' ? refresh(state, env) : unchanged(state);
    case 'close':
      if (isTerminalState(state.view)) return unchanged(state);
      return end(state, { status: 'closed' }, []);
    case 'retry-now':
      return retryNow(state, env);
    case 'network':
      return event.online ? online(state, env) : offline(state);
    case 'visibility':
      return event.visible ? visible(state, env) : state.hidden ? unchanged(state) : { state: { ...state, hidden: true }, effects: [] };
    default:
      return assertNever(event);
  }
}

const CONNECT_TIMEOUT_MESSAGE = 'The signaling server did not open a channel in time.';
const UNREACHABLE_MESSAGE = 'The connection to the signaling server was lost and could not be restored.';
const HOST_REFUSED_MESSAGE = 'The signaling server closed the connection without opening a channel.';
const HANDSHAKE_REFUSED_MESSAGE = 'Could not open the signaling connection: the server is unreachable or refused this page.';

function unchanged(state: SessionMachineState): SessionTransition {
  return { state, effects: [] };
}

/** The live connection if `connectionId` is it and its socket exists; stale ids give `null`. */
function live(state: SessionMachineState, connectionId: number): SessionConnection | null {
  const { connection } = state;
  return connection && connection.id === connectionId && connection.phase !== 'waiting' ? connection : null;
}

/** The standby connection if `connectionId` is it. */
function standbyOf(state: SessionMachineState, connectionId: number): SessionConnection | null {
  return state.standby?.id === connectionId ? state.standby : null;
}

/** The standby connection failed or is no longer wanted: the QR code shown stays. */
function dropStandby(state: SessionMachineState): SessionTransition {
  return { state: { ...state, standby: null }, effects: releaseStandby(state) };
}

function releaseStandby(state: SessionMachineState): SessionEffect[] {
  // The live connection is hosted while a standby exists, so the connect timeout is the standby's.
  return state.standby ? [{ type: 'cancel-timers', timers: ['connect-timeout'] }, { type: 'close-standby' }] : [];
}

function start(state: SessionMachineState, env: SessionMachineEnv): SessionTransition {
  const { connect } = env;
  switch (connect.kind) {
    case 'server-platform':
      return unchanged(state);
    case 'unsupported':
      return fail(state, 'PROOFME_UNSUPPORTED', 'This browser has no WebSocket support.');
    case 'invalid-target':
      return fail(state, 'PROOFME_INVALID_TARGET', connect.message);
    case 'url':
      return open(state, connect.url, state.lastConnectionId + 1, env.config);
    default:
      return assertNever(connect);
  }
}

/**
 * Connection 1 is a socket that opened elsewhere and got its `host` frame there: the frame is read
 * as if it had arrived on it, under this session's policy (a refused channel closes the socket).
 */
function adopt(state: SessionMachineState, message: HostMessage, env: SessionMachineEnv): SessionTransition {
  const connection: SessionConnection = { id: state.lastConnectionId + 1, phase: 'open' };
  const opened: SessionMachineState = { ...state, everOpened: true, lastConnectionId: connection.id, connection };
  const hosted = host(opened, connection, message, env);
  return { state: hosted.state, effects: [{ type: 'adopt-socket', connectionId: connection.id }, ...hosted.effects] };
}

/** Opens connection `id` to `url`; the caller has released the previous one. */
function open(state: SessionMachineState, url: string, id: number, config: ProofmeConfig): SessionTransition {
  const effects: SessionEffect[] = [{ type: 'open-socket', connectionId: id, url }];
  if (config.connectTimeoutMs > 0) effects.push(arm('connect-timeout', config.connectTimeoutMs, id));
  return { state: { ...state, lastConnectionId: id, connection: { id, phase: 'connecting' } }, effects };
}

/** The effects that end the live connection: its socket and the timers its phase arms. */
function release(state: SessionMachineState): SessionEffect[] {
  const phase = state.connection?.phase;
  switch (phase) {
    case undefined:
      return [];
    case 'waiting':
      return [{ type: 'cancel-timers', timers: ['retry'] }];
    case 'connecting':
    case 'open':
      return [{ type: 'cancel-timers', timers: ['connect-timeout'] }, { type: 'close-socket' }];
    case 'hosted':
      return [...releaseStandby(state), { type: 'cancel-timers', timers: HOSTED_TIMERS }, { type: 'close-socket' }];
    default:
      return assertNever(phase);
  }
}

/** The timers a hosted connection may have armed. */
const HOSTED_TIMERS: readonly SessionTimer[] = ['ping', 'pong-timeout', 'stable', 'rotate'];

function arm(timer: SessionTimer, delayMs: number, connectionId: number): SessionEffect {
  return { type: 'arm-timer', timer, delayMs, connectionId };
}

/** Releases the connection and shows `view`; `after` runs once the state is announced. */
function settle(state: SessionMachineState, view: ProofmeState, after: readonly SessionEffect[] = []): SessionTransition {
  return {
    state: { ...state, view, connection: null, standby: null },
    effects: [...release(state), { type: 'emit-state', state: view }, ...after],
  };
}

/** An error state; `hint` is a dev-mode warning saying how to fix it. */
function fail(state: SessionMachineState, code: ProofmeErrorCode, message: string, hint?: string): SessionTransition {
  return settle(state, { status: 'error', code, message }, hint === undefined ? [] : [{ type: 'warn', message: hint }]);
}

/** A terminal state: nothing opens again and every stream completes. */
function end(state: SessionMachineState, view: ProofmeState, before: readonly SessionEffect[]): SessionTransition {
  return {
    state: { ...state, view, connection: null, standby: null },
    effects: [...release(state), ...before, { type: 'emit-state', state: view }, { type: 'complete' }],
  };
}

function refresh(state: SessionMachineState, env: SessionMachineEnv): SessionTransition {
  if (isTerminalState(state.view)) {
    return { state, effects: [{ type: 'warn', message: 'refresh() on a session that has ended does nothing.' }] };
  }
  const { connect } = env;
  const view: ProofmeState = { status: 'connecting' };
  const announce: SessionEffect = { type: 'emit-state', state: view };
  const reset: SessionMachineState = { ...state, view, attempts: 0, connection: null, standby: null };
  switch (connect.kind) {
    case 'server-platform':
    case 'unsupported':
      return unchanged(state);
    case 'invalid-target': {
      // `connecting`, then the same error again: what a new attempt at this target always gives.
      const failed = fail(reset, 'PROOFME_INVALID_TARGET', connect.message);
      return { state: failed.state, effects: [...release(state), announce, ...failed.effects] };
    }
    case 'url': {
      const opened = open(reset, connect.url, state.lastConnectionId + 1, env.config);
      return { state: opened.state, effects: [...release(state), ...opened.effects, announce] };
    }
    default:
      return assertNever(connect);
  }
}

function frame(state: SessionMachineState, connectionId: number, parsed: ParseResult): SessionTransition {
  if (parsed.ok) {
    // messages$ subscribers hear the message first; the machine hears it after anything they did
    // (a close() or refresh() makes it stale).
    return {
      state,
      effects: [
        { type: 'emit-message', message: parsed.message },
        { type: 'raise', event: { type: 'message', connectionId, message: parsed.message } },
      ],
    };
  }
  const effects: SessionEffect[] = [{ type: 'emit-protocol-error', error: parsed.error }];
  if (state.loggedProtocolError) return { state, effects };
  effects.push({
    type: 'warn',
    message:
      `Ignored a malformed frame from the signaling server (${parsed.error.kind}: ${parsed.error.message}). ` +
      'Further ones are reported on protocolErrors$ only.',
  });
  return { state: { ...state, loggedProtocolError: true }, effects };
}

function message(state: SessionMachineState, connection: SessionConnection, message: ServerMessage, env: SessionMachineEnv): SessionTransition {
  const { view } = state;
  switch (message.type) {
    case 'host':
      // A second `host` on the same connection: the channel we show stays the one the phone can join.
      return connection.phase === 'hosted' ? unchanged(state) : host(state, connection, message, env);
    case 'clientconnected': {
      if (view.status !== 'ready') return unchanged(state);
      // A joined channel does not expire: no rotation, and no standby, from here on.
      const { expiresAt, ...channel } = view;
      const scanned = show({ ...state, standby: null }, { ...channel, status: 'scanned' });
      const stopRotation: SessionEffect[] = expiresAt === undefined ? [] : [{ type: 'cancel-timers', timers: ['rotate'] }];
      return { state: scanned.state, effects: [...releaseStandby(state), ...stopRotation, ...scanned.effects] };
    }
    case 'disconnect': {
      if (view.status !== 'ready' && view.status !== 'scanned') return unchanged(state);
      const autoRefresh: SessionEffect[] = env.config.autoRefresh ? [{ type: 'raise', event: { type: 'auto-refresh' } }] : [];
      return settle(state, { status: 'phone-left', channelId: view.channelId }, autoRefresh);
    }
    case 'result': {
      // An outcome belongs to a channel a phone could have joined.
      if (view.status !== 'ready' && view.status !== 'scanned') return unchanged(state);
      const result: ProofmeResult = { status: message.success ? 'succeeded' : 'failed', message: message.message };
      // The result before the state: a state$ subscriber that closes on a terminal state must not complete result$ empty.
      return end(state, result, [{ type: 'emit-result', result }]);
    }
    case 'pong':
      // The first pong proves this server answers pings: the watchdog arms with every ping from now on.
      return connection.phase === 'hosted'
        ? { state: state.pongSeen ? state : { ...state, pongSeen: true }, effects: [{ type: 'cancel-timers', timers: ['pong-timeout'] }] }
        : unchanged(state);
    default:
      return assertNever(message);
  }
}

function show(state: SessionMachineState, view: ProofmeState): SessionTransition {
  return { state: { ...state, view }, effects: [{ type: 'emit-state', state: view }] };
}

function host(
  state: SessionMachineState,
  connection: SessionConnection,
  message: Extract<ServerMessage, { type: 'host' }>,
  env: SessionMachineEnv,
): SessionTransition {
  const host = channelFromHost(message, env.config);
  if (!host.ok) {
    const hint =
      host.code === 'PROOFME_SIGNAL_SERVER_REFUSED'
        ? `No QR code was made: the server announced "${host.announced}". ${host.message} ` +
          'If this server is yours, add its origin to allowedSignalServers in provideProofme().'
        : host.code === 'PROOFME_DEEPLINK_TOO_LONG'
          ? `No QR code was made: ${host.message} Use a shorter signal server address or deeplinkBase, or a lower qrErrorCorrectionLevel.`
          : undefined;
    return fail(state, host.code, host.message, hint);
  }
  const { view, timers } = hostedChannel(host.channel, message, connection.id, env);
  const { stableAfterMs } = env.config.reconnect;
  // A `host` frame alone does not end an outage: a server that hosts and drops at once would
  // otherwise reset the backoff every time. The count starts again once the channel has held.
  const stable = state.attempts > 0 && stableAfterMs > 0 ? [arm('stable', stableAfterMs, connection.id)] : [];
  return {
    state: { ...state, view, attempts: stableAfterMs > 0 ? state.attempts : 0, connection: { ...connection, phase: 'hosted' } },
    effects: [
      // The channel came: the wait for it is over (a timer left running would keep zone.js apps unstable).
      { type: 'cancel-timers', timers: ['connect-timeout'] },
      ...timers,
      ...stable,
      { type: 'emit-state', state: view },
    ],
  };
}

/** The `ready` view of a channel, with its expiry when known, and the timers a hosted connection arms. */
function hostedChannel(
  channel: Extract<ReturnType<typeof channelFromHost>, { ok: true }>['channel'],
  message: HostMessage,
  connectionId: number,
  env: SessionMachineEnv,
): { view: Extract<ProofmeState, { status: 'ready' }>; timers: SessionEffect[] } {
  const { pingIntervalMs, channelTtlMs, rotateBeforeExpiryMs } = env.config;
  const expiresAt = message.expiresAt ?? (channelTtlMs > 0 ? env.now + channelTtlMs : undefined);
  const view: Extract<ProofmeState, { status: 'ready' }> = { status: 'ready', ...channel, ...(expiresAt !== undefined && { expiresAt }) };
  const timers: SessionEffect[] = pingIntervalMs > 0 ? [arm('ping', pingIntervalMs, connectionId)] : [];
  // Only a channel that outlives the lead time is rotated: one born shorter (a server TTL under
  // rotateBeforeExpiryMs) would be replaced at once by another just as short, in a loop.
  if (expiresAt !== undefined && rotateBeforeExpiryMs > 0 && expiresAt - env.now > rotateBeforeExpiryMs) {
    timers.push(arm('rotate', expiresAt - rotateBeforeExpiryMs - env.now, connectionId));
  }
  return { view, timers };
}

/**
 * The standby connection got its channel: it becomes the live one and the old socket closes, with
 * `ready` to `ready` and nothing between, so the QR code changes in one step. A refused channel
 * only drops the standby; the old code stays until it expires.
 */
function rotated(state: SessionMachineState, standby: SessionConnection, message: HostMessage, env: SessionMachineEnv): SessionTransition {
  const host = channelFromHost(message, env.config);
  if (!host.ok || state.view.status !== 'ready' || state.connection?.phase !== 'hosted') return dropStandby(state);
  const { view, timers } = hostedChannel(host.channel, message, standby.id, env);
  return {
    state: { ...state, view, connection: { id: standby.id, phase: 'hosted' }, standby: null },
    effects: [
      { type: 'cancel-timers', timers: ['connect-timeout', ...HOSTED_TIMERS] },
      { type: 'promote-standby' },
      ...timers,
      { type: 'emit-state', state: view },
    ],
  };
}

/** Opens the standby connection for the next channel, if the live one is an unscanned QR code and the page is watching. */
function rotate(state: SessionMachineState, env: SessionMachineEnv): SessionTransition {
  const { view, connection } = state;
  const waitingForPhone = view.status === 'ready' && connection?.phase === 'hosted';
  if (!waitingForPhone || state.standby || state.hidden || state.network === 'offline' || env.connect.kind !== 'url') return unchanged(state);
  const id = state.lastConnectionId + 1;
  const effects: SessionEffect[] = [{ type: 'open-standby', connectionId: id, url: env.connect.url }];
  if (env.config.connectTimeoutMs > 0) effects.push(arm('connect-timeout', env.config.connectTimeoutMs, id));
  return { state: { ...state, lastConnectionId: id, standby: { id, phase: 'connecting' } }, effects };
}

/** The pending attempt (the connection `waiting` for its retry timer) starts now. */
function attemptNow(state: SessionMachineState, env: SessionMachineEnv): SessionTransition {
  const { view, connection } = state;
  if (view.status !== 'reconnecting' || connection?.phase !== 'waiting' || env.connect.kind !== 'url') return unchanged(state);
  const now: ProofmeState = { ...view, delayMs: 0, retryAt: env.now };
  const opened = open({ ...state, view: now }, env.connect.url, connection.id, env.config);
  return { state: opened.state, effects: [{ type: 'cancel-timers', timers: ['retry'] }, ...opened.effects, { type: 'emit-state', state: now }] };
}

/**
 * `retryNow()`: a pending reconnect attempt starts at once; from a state `refresh()` cures
 * (expired, phone-left, offline, a retryable error) it is a refresh, so that one button serves all.
 * Anything else (a live QR code, a terminal state) is left alone.
 */
function retryNow(state: SessionMachineState, env: SessionMachineEnv): SessionTransition {
  if (state.view.status === 'reconnecting') return attemptNow(state, env);
  return isRecoverableState(state.view) ? refresh(state, env) : unchanged(state);
}

/**
 * The browser went offline: a live or pending connection is dropped (its socket would die
 * silently) and the page shows `offline` instead of a QR code no phone could reach.
 */
function offline(state: SessionMachineState): SessionTransition {
  if (state.network === 'offline') return unchanged(state);
  const noted: SessionMachineState = { ...state, network: 'offline' };
  return state.connection ? settle(noted, { status: 'offline' }) : { state: noted, effects: [] };
}

/** Back online: from `offline`, a new connection at once (the attempts spent are kept). */
function online(state: SessionMachineState, env: SessionMachineEnv): SessionTransition {
  if (state.network === 'online') return unchanged(state);
  const noted: SessionMachineState = { ...state, network: 'online' };
  if (state.view.status !== 'offline' || env.connect.kind !== 'url') return { state: noted, effects: [] };
  return reopen(noted, env.connect.url, env);
}

/** A new connection from a state with nothing open, showing `connecting`; unlike `refresh()`, the attempts spent stay. */
function reopen(state: SessionMachineState, url: string, env: SessionMachineEnv): SessionTransition {
  const view: ProofmeState = { status: 'connecting' };
  const opened = open({ ...state, view }, url, state.lastConnectionId + 1, env.config);
  return { state: opened.state, effects: [...opened.effects, { type: 'emit-state', state: view }] };
}

/**
 * The page is visible again. Timers of a hidden page run late or not at all, so whatever fell due
 * meanwhile happens now: a pending reconnect starts, an expired or dropped channel is replaced, and
 * a rotation that was paused runs.
 */
function visible(state: SessionMachineState, env: SessionMachineEnv): SessionTransition {
  if (!state.hidden) return unchanged(state);
  const shown: SessionMachineState = { ...state, hidden: false };
  if (state.network === 'offline') return { state: shown, effects: [] };
  const { view } = shown;
  if (view.status === 'reconnecting') return attemptNow(shown, env);
  if (view.status === 'expired' || (view.status === 'error' && isRecoverableState(view))) return refresh(shown, env);
  if (view.status === 'ready' && view.expiresAt !== undefined) {
    if (view.expiresAt <= env.now) return refresh(shown, env);
    if (env.config.rotateBeforeExpiryMs > 0 && view.expiresAt - env.config.rotateBeforeExpiryMs <= env.now) return rotate(shown, env);
  }
  return { state: shown, effects: [] };
}

function timerFired(state: SessionMachineState, timer: SessionTimer, connectionId: number, env: SessionMachineEnv): SessionTransition {
  const { connection } = state;
  if (timer === 'retry') {
    const waiting = connection?.id === connectionId && connection.phase === 'waiting';
    // The state stays `reconnecting` until the new connection brings a channel. Only a `url` plan
    // ever reaches `waiting`; the check is for the compiler.
    return waiting && env.connect.kind === 'url' ? open(state, env.connect.url, connectionId, env.config) : unchanged(state);
  }
  if (timer === 'connect-timeout' && standbyOf(state, connectionId)) return dropStandby(state);
  const current = live(state, connectionId);
  if (!current) return unchanged(state);
  switch (timer) {
    case 'connect-timeout':
      return current.phase === 'hosted' ? unchanged(state) : lose(state, current, 'timeout', undefined, env);
    case 'ping': {
      if (current.phase !== 'hosted') return unchanged(state);
      const { pingIntervalMs, pongTimeoutMs } = env.config;
      const effects: SessionEffect[] = [{ type: 'send-ping' }, arm('ping', pingIntervalMs, current.id)];
      // Each ping restarts the wait for a pong, as the config's check (pongTimeoutMs < pingIntervalMs) assumes.
      // Only a server that has answered before is expected to answer: one that never does is not dropped.
      if (pongTimeoutMs > 0 && state.pongSeen) effects.push(arm('pong-timeout', pongTimeoutMs, current.id));
      return { state, effects };
    }
    case 'pong-timeout':
      return current.phase === 'hosted' ? lose(state, current, 'dropped', undefined, env) : unchanged(state);
    case 'stable':
      // The channel held: this outage is over, and the next drop starts the policy from the beginning.
      return current.phase === 'hosted' && state.attempts > 0 ? { state: { ...state, attempts: 0 }, effects: [] } : unchanged(state);
    case 'rotate':
      return rotate(state, env);
    default:
      return assertNever(timer);
  }
}

/**
 * The live connection is gone: by a close or an error (`dropped`, with the close code when there
 * was one), or because no channel came in time (`timeout`). Decides, in this order, between an
 * expired channel, a refusal, giving up, and another attempt.
 */
function lose(
  state: SessionMachineState,
  connection: SessionConnection,
  cause: 'dropped' | 'timeout',
  code: number | undefined,
  env: SessionMachineEnv,
): SessionTransition {
  if (code === PROOFME_CLOSE_CODES.channelExpired) return settle(state, { status: 'expired' });
  if (connection.phase === 'open' && code === 1000) {
    // A deliberate close before any channel: the server will not host this target (finished,
    // revoked or unknown identification). Retrying would be refused the same way.
    return fail(state, 'PROOFME_HOST_REFUSED', HOST_REFUSED_MESSAGE);
  }
  if (cause === 'dropped' && connection.phase === 'connecting' && !state.everOpened) {
    return fail(
      state,
      'PROOFME_HANDSHAKE_REFUSED',
      HANDSHAKE_REFUSED_MESSAGE,
      `The connection to ${env.config.signalingUrl} closed before it opened. Check that the URL is right and ` +
        "that this page's origin is allowed in Proofme's dashboard (My page > Custom page): " +
        'a server that refuses the origin answers 403, which a browser reports only as close code 1006.',
    );
  }
  const { reconnect } = env.config;
  if (state.attempts >= reconnect.maxAttempts) {
    return cause === 'timeout'
      ? fail(state, 'PROOFME_CONNECT_TIMEOUT', CONNECT_TIMEOUT_MESSAGE)
      : fail(state, 'PROOFME_UNREACHABLE', UNREACHABLE_MESSAGE);
  }
  const attempt = state.attempts + 1;
  const delayMs = reconnectDelay(attempt, reconnect, () => env.random);
  const id = state.lastConnectionId + 1;
  const view: ProofmeState = { status: 'reconnecting', attempt, delayMs, retryAt: env.now + delayMs };
  return {
    state: { ...state, view, attempts: attempt, lastConnectionId: id, connection: { id, phase: 'waiting' }, standby: null },
    // Armed before the state is announced: the retry exists when subscribers hear of it.
    effects: [...release(state), arm('retry', delayMs, id), { type: 'emit-state', state: view }],
  };
}

/** @throws {ProofmeError} PROOFME_INTERNAL: the types rule this out; reaching it is a bug. */
function assertNever(value: never): never {
  throw new ProofmeError('PROOFME_INTERNAL', `Unhandled session case ${JSON.stringify(value)}`);
}
