import { ProofmeConfig, resolveProofmeConfig } from '../config/proofme-config';
import { expectProofmeError, thrownBy } from '../../../test/proofme-error-matchers';
import { ParseResult, ServerMessage } from 'proofme-ng/protocol';
import { ProofmeErrorCode, ProofmeState } from './proofme-state';
import {
  ConnectPlan,
  ConnectionPhase,
  SessionConnection,
  SessionEffect,
  SessionEvent,
  SessionMachineEnv,
  SessionMachineState,
  SessionTimer,
  initialSessionState,
  transition,
} from './session-machine';

// Every transition of a session as a table row: given a state, an event (and the environment),
// the next state and the effects, exactly. Given states are deep-frozen, so a transition that
// mutated its input would throw instead of passing.

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';
const CHANNEL = 'b755d288-dc1d-4a5e-91f5-a81a092c7ea6';
const URL = `wss://api.proofme.id/?channel=undefined&data=id:${ID}`;
/** The clock every row reads (env.now), epoch ms. */
const NOW = 1_800_000_000_000;

// No jitter (delays 1 s, 2 s, 4 s), 3 attempts, every timer on.
const CONFIG: ProofmeConfig = resolveProofmeConfig({
  connectTimeoutMs: 5000,
  pingIntervalMs: 1000,
  pongTimeoutMs: 500,
  reconnect: { jitter: 0, initialDelayMs: 1000, multiplier: 2, maxAttempts: 3, stableAfterMs: 10_000 },
});

const READY: ProofmeState = {
  status: 'ready',
  channelId: CHANNEL,
  signalServer: 'wss://api.proofme.id',
  deeplink: `https://proofme.id/app?p=${CHANNEL}:wss%3A%2F%2Fapi.proofme.id`,
};
const SCANNED: ProofmeState = { ...READY, status: 'scanned' };
const CONNECTING: ProofmeState = { status: 'connecting' };
const CLOSED: ProofmeState = { status: 'closed' };
const PHONE_LEFT: ProofmeState = { status: 'phone-left', channelId: CHANNEL };
const EXPIRED: ProofmeState = { status: 'expired' };
const SUCCEEDED: ProofmeState = { status: 'succeeded', message: 'IDENTIFICATION_SUCCESS' };
const UNREACHABLE: ProofmeState = {
  status: 'error',
  code: 'PROOFME_UNREACHABLE',
  message: 'The connection to the signaling server was lost and could not be restored.',
};
const reconnecting = (attempt: number, delayMs: number): ProofmeState => ({ status: 'reconnecting', attempt, delayMs, retryAt: NOW + delayMs });
/** An expected error state: its code, and its message when the row names one. */
const error = (code: ProofmeErrorCode, message: string = expect.any(String)): ProofmeState => ({ status: 'error', code, message });

const conn = (id: number, phase: ConnectionPhase): SessionConnection => ({ id, phase });

/** A machine state: a connection that has opened, unless `more` says otherwise. */
function at(view: ProofmeState, connection: SessionConnection | null, more: Partial<SessionMachineState> = {}): SessionMachineState {
  return {
    view,
    attempts: 0,
    everOpened: true,
    lastConnectionId: connection?.id ?? 1,
    connection,
    loggedProtocolError: false,
    pongSeen: false,
    network: 'online',
    hidden: false,
    standby: null,
    ...more,
  };
}

const FIRST_CONNECTING = at(CONNECTING, conn(1, 'connecting'), { everOpened: false });
const OPEN = at(CONNECTING, conn(1, 'open'));
const HOSTED = at(READY, conn(1, 'hosted'));
const HOSTED_SCANNED = at(SCANNED, conn(1, 'hosted'));

const env = (more: { config?: Partial<ProofmeConfig>; connect?: ConnectPlan; random?: number; now?: number } = {}): SessionMachineEnv => ({
  config: { ...CONFIG, ...more.config },
  connect: more.connect ?? { kind: 'url', url: URL },
  random: more.random ?? 0,
  now: more.now ?? NOW,
});

// Effects, spelled as the rows read them.
const openSocket = (connectionId: number): SessionEffect => ({ type: 'open-socket', connectionId, url: URL });
const arm = (timer: SessionTimer, delayMs: number, connectionId: number): SessionEffect => ({ type: 'arm-timer', timer, delayMs, connectionId });
const cancel = (...timers: SessionTimer[]): SessionEffect => ({ type: 'cancel-timers', timers });
const closeSocket: SessionEffect = { type: 'close-socket' };
const emit = (state: ProofmeState): SessionEffect => ({ type: 'emit-state', state });
const warn = (containing: string): SessionEffect => ({ type: 'warn', message: expect.stringContaining(containing) });
const complete: SessionEffect = { type: 'complete' };
/** Releasing a socket that has not got its channel yet / one that has. */
const releaseUnhosted = [cancel('connect-timeout'), closeSocket];
const releaseHosted = [cancel('ping', 'pong-timeout', 'stable', 'rotate'), closeSocket];

// Events.
const closed = (connectionId: number, code?: number): SessionEvent => ({ type: 'socket-closed', connectionId, code });
const message = (connectionId: number, msg: ServerMessage): SessionEvent => ({ type: 'message', connectionId, message: msg });
const fired = (timer: SessionTimer, connectionId: number): SessionEvent => ({ type: 'timer', timer, connectionId });
const hostFrame = (more: Partial<Extract<ServerMessage, { type: 'host' }>> = {}): ServerMessage => ({
  type: 'host',
  success: true,
  channelId: CHANNEL,
  signalServer: 'wss://api.proofme.id',
  ...more,
});

interface Row {
  readonly name: string;
  readonly given: SessionMachineState;
  readonly event: SessionEvent;
  readonly env?: SessionMachineEnv;
  /** The next state; `'same'` when the event changes nothing. */
  readonly state: SessionMachineState | 'same';
  readonly effects: readonly SessionEffect[];
}

const rowCounts: number[] = [];

function table(rows: readonly Row[]): void {
  rowCounts.push(rows.length);
  it.each(rows.map((row) => ({ ...row, given: deepFreeze(row.given) })))('$name', (row) => {
    const next = transition(row.given, row.event, row.env ?? env());
    expect(next.effects).toEqual(row.effects);
    if (row.state === 'same') expect(next.state).toBe(row.given);
    else expect(next.state).toEqual(row.state);
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const field of Object.values(value)) deepFreeze(field);
  }
  return value;
}

describe('session machine', () => {
  it('starts connecting, with nothing open', () => {
    expect(initialSessionState()).toEqual(at(CONNECTING, null, { everOpened: false, lastConnectionId: 0 }));
  });

  describe('start', () => {
    const fresh = initialSessionState();
    table([
      {
        name: 'opens connection 1 and arms the connect timeout',
        given: fresh,
        event: { type: 'start' },
        state: FIRST_CONNECTING,
        effects: [openSocket(1), arm('connect-timeout', 5000, 1)],
      },
      {
        name: 'arms no connect timeout when it is 0',
        given: fresh,
        event: { type: 'start' },
        env: env({ config: { connectTimeoutMs: 0 } }),
        state: FIRST_CONNECTING,
        effects: [openSocket(1)],
      },
      {
        name: 'opens nothing on the server platform and stays connecting',
        given: fresh,
        event: { type: 'start' },
        env: env({ connect: { kind: 'server-platform' } }),
        state: 'same',
        effects: [],
      },
      {
        name: 'fails with PROOFME_UNSUPPORTED without a WebSocket',
        given: fresh,
        event: { type: 'start' },
        env: env({ connect: { kind: 'unsupported' } }),
        state: at(error('PROOFME_UNSUPPORTED'), null, { everOpened: false, lastConnectionId: 0 }),
        effects: [emit(error('PROOFME_UNSUPPORTED'))],
      },
      {
        name: 'fails with PROOFME_INVALID_TARGET when the connect URL cannot be built',
        given: fresh,
        event: { type: 'start' },
        env: env({ connect: { kind: 'invalid-target', message: 'not a UUID' } }),
        state: at(error('PROOFME_INVALID_TARGET', 'not a UUID'), null, { everOpened: false, lastConnectionId: 0 }),
        effects: [emit(error('PROOFME_INVALID_TARGET', 'not a UUID'))],
      },
      {
        name: 'a second start: nothing (a session starts once)',
        given: FIRST_CONNECTING,
        event: { type: 'start' },
        state: 'same',
        effects: [],
      },
    ]);
  });

  describe('adopt (a connection handed over by the preflight, with its host frame)', () => {
    const fresh = initialSessionState();
    const adopt = (more: Partial<Extract<ServerMessage, { type: 'host' }>> = {}): SessionEvent => ({
      type: 'adopt',
      host: hostFrame(more) as Extract<ServerMessage, { type: 'host' }>,
    });
    const adopted: SessionEffect = { type: 'adopt-socket', connectionId: 1 };
    table([
      {
        name: 'takes the socket as connection 1 and is ready at once: no handshake, no connect timeout',
        given: fresh,
        event: adopt(),
        state: HOSTED,
        effects: [adopted, cancel('connect-timeout'), arm('ping', 1000, 1), emit(READY)],
      },
      {
        name: 'reads the frame under its own policy: a refused signal server closes the adopted socket',
        given: fresh,
        event: adopt({ signalServer: 'wss://evil.example' }),
        state: at(error('PROOFME_SIGNAL_SERVER_REFUSED'), null, { lastConnectionId: 1 }),
        effects: [adopted, ...releaseUnhosted, emit(error('PROOFME_SIGNAL_SERVER_REFUSED')), warn('wss://evil.example')],
      },
      {
        name: 'without a url plan, starts as `start` would (the session closes what it was handed)',
        given: fresh,
        event: adopt(),
        env: env({ connect: { kind: 'unsupported' } }),
        state: at(error('PROOFME_UNSUPPORTED'), null, { everOpened: false, lastConnectionId: 0 }),
        effects: [emit(error('PROOFME_UNSUPPORTED'))],
      },
      {
        name: 'after the start: nothing (a session starts once)',
        given: FIRST_CONNECTING,
        event: adopt(),
        state: 'same',
        effects: [],
      },
    ]);
  });

  describe('socket open', () => {
    table([
      {
        name: 'marks the connection, and the session, as opened',
        given: FIRST_CONNECTING,
        event: { type: 'socket-open', connectionId: 1 },
        state: at(CONNECTING, conn(1, 'open')),
        effects: [],
      },
      {
        name: 'ignores a replaced socket',
        given: at(CONNECTING, conn(2, 'connecting')),
        event: { type: 'socket-open', connectionId: 1 },
        state: 'same',
        effects: [],
      },
      {
        name: 'ignores an id that is only waiting for its retry',
        given: at(reconnecting(1, 1000), conn(2, 'waiting'), { attempts: 1 }),
        event: { type: 'socket-open', connectionId: 2 },
        state: 'same',
        effects: [],
      },
    ]);
  });

  describe('socket closed or failed before it opened', () => {
    const handshake = error('PROOFME_HANDSHAKE_REFUSED');
    table([
      {
        name: 'error on the first connection: PROOFME_HANDSHAKE_REFUSED with a hint, no retry',
        given: FIRST_CONNECTING,
        event: closed(1),
        state: at(handshake, null, { everOpened: false }),
        effects: [...releaseUnhosted, emit(handshake), warn('Custom page')],
      },
      {
        name: 'close 1006 on the first connection: the same refusal',
        given: FIRST_CONNECTING,
        event: closed(1, 1006),
        state: at(handshake, null, { everOpened: false }),
        effects: [...releaseUnhosted, emit(handshake), warn('Custom page')],
      },
      {
        name: 'close 1000 on the first connection: a refusal too (it never opened)',
        given: FIRST_CONNECTING,
        event: closed(1, 1000),
        state: at(handshake, null, { everOpened: false }),
        effects: [...releaseUnhosted, emit(handshake), warn('Custom page')],
      },
      {
        name: 'error on a later connection of a session that has opened before: the next attempt',
        given: at(reconnecting(1, 1000), conn(2, 'connecting'), { attempts: 1 }),
        event: closed(2),
        state: at(reconnecting(2, 2000), conn(3, 'waiting'), { attempts: 2 }),
        effects: [...releaseUnhosted, arm('retry', 2000, 3), emit(reconnecting(2, 2000))],
      },
      {
        name: 'close 4408 before opening: expired',
        given: FIRST_CONNECTING,
        event: closed(1, 4408),
        state: at(EXPIRED, null, { everOpened: false }),
        effects: [...releaseUnhosted, emit(EXPIRED)],
      },
    ]);
  });

  describe('socket closed or failed after it opened, before the channel', () => {
    table([
      {
        name: 'close 1000: PROOFME_HOST_REFUSED (finished or revoked identification), no retry',
        given: OPEN,
        event: closed(1, 1000),
        state: at(error('PROOFME_HOST_REFUSED'), null),
        effects: [...releaseUnhosted, emit(error('PROOFME_HOST_REFUSED'))],
      },
      {
        name: 'error: attempt 1',
        given: OPEN,
        event: closed(1),
        state: at(reconnecting(1, 1000), conn(2, 'waiting'), { attempts: 1 }),
        effects: [...releaseUnhosted, arm('retry', 1000, 2), emit(reconnecting(1, 1000))],
      },
      {
        name: 'close 1011: attempt 1',
        given: OPEN,
        event: closed(1, 1011),
        state: at(reconnecting(1, 1000), conn(2, 'waiting'), { attempts: 1 }),
        effects: [...releaseUnhosted, arm('retry', 1000, 2), emit(reconnecting(1, 1000))],
      },
      {
        name: 'close 4408: expired',
        given: OPEN,
        event: closed(1, 4408),
        state: at(EXPIRED, null),
        effects: [...releaseUnhosted, emit(EXPIRED)],
      },
    ]);
  });

  describe('socket closed or failed after the channel', () => {
    table([
      {
        name: 'close 1000 while ready: attempt 1 (a channel was given, so this is a drop)',
        given: HOSTED,
        event: closed(1, 1000),
        state: at(reconnecting(1, 1000), conn(2, 'waiting'), { attempts: 1 }),
        effects: [...releaseHosted, arm('retry', 1000, 2), emit(reconnecting(1, 1000))],
      },
      {
        name: 'error while scanned: attempt 1',
        given: HOSTED_SCANNED,
        event: closed(1),
        state: at(reconnecting(1, 1000), conn(2, 'waiting'), { attempts: 1 }),
        effects: [...releaseHosted, arm('retry', 1000, 2), emit(reconnecting(1, 1000))],
      },
      {
        name: 'close 4408 while ready: expired, no retry',
        given: HOSTED,
        event: closed(1, 4408),
        state: at(EXPIRED, null),
        effects: [...releaseHosted, emit(EXPIRED)],
      },
      {
        name: 'the delay grows with the attempt: attempt 3 waits 4 s',
        given: at(reconnecting(2, 2000), conn(3, 'open'), { attempts: 2 }),
        event: closed(3),
        state: at(reconnecting(3, 4000), conn(4, 'waiting'), { attempts: 3 }),
        effects: [...releaseUnhosted, arm('retry', 4000, 4), emit(reconnecting(3, 4000))],
      },
      {
        name: 'jitter comes from env.random: half of a 0.5 jitter takes a quarter off',
        given: HOSTED,
        event: closed(1),
        env: env({ config: { reconnect: { ...CONFIG.reconnect, jitter: 0.5 } }, random: 0.5 }),
        state: at(reconnecting(1, 750), conn(2, 'waiting'), { attempts: 1 }),
        effects: [...releaseHosted, arm('retry', 750, 2), emit(reconnecting(1, 750))],
      },
      {
        name: 'ignores a replaced socket',
        given: at(CONNECTING, conn(2, 'connecting')),
        event: closed(1, 1006),
        state: 'same',
        effects: [],
      },
      {
        name: 'ignores a socket closing after the session ended',
        given: at(CLOSED, null),
        event: closed(1, 1005),
        state: 'same',
        effects: [],
      },
    ]);
  });

  describe('max attempts reached', () => {
    table([
      {
        name: 'a drop after the last attempt: PROOFME_UNREACHABLE',
        given: at(reconnecting(3, 4000), conn(4, 'open'), { attempts: 3 }),
        event: closed(4),
        state: at(UNREACHABLE, null, { attempts: 3, lastConnectionId: 4 }),
        effects: [...releaseUnhosted, emit(UNREACHABLE)],
      },
      {
        name: 'a connect timeout after the last attempt: PROOFME_CONNECT_TIMEOUT',
        given: at(reconnecting(3, 4000), conn(4, 'open'), { attempts: 3 }),
        event: fired('connect-timeout', 4),
        state: at(error('PROOFME_CONNECT_TIMEOUT'), null, { attempts: 3, lastConnectionId: 4 }),
        effects: [...releaseUnhosted, emit(error('PROOFME_CONNECT_TIMEOUT'))],
      },
      {
        name: 'maxAttempts 0: the first drop gives up',
        given: HOSTED,
        event: closed(1),
        env: env({ config: { reconnect: { ...CONFIG.reconnect, maxAttempts: 0 } } }),
        state: at(UNREACHABLE, null),
        effects: [...releaseHosted, emit(UNREACHABLE)],
      },
    ]);
  });

  describe('frame', () => {
    const ok: ParseResult = { ok: true, message: { type: 'clientconnected' } };
    const bad: ParseResult = { ok: false, error: { kind: 'not-json', message: 'The frame is not valid JSON.' } };
    table([
      {
        name: 'a message: messages$ first, then the machine hears it behind what subscribers did',
        given: HOSTED,
        event: { type: 'frame', connectionId: 1, frame: ok },
        state: 'same',
        effects: [
          { type: 'emit-message', message: { type: 'clientconnected' } },
          { type: 'raise', event: message(1, { type: 'clientconnected' }) },
        ],
      },
      {
        name: 'the first malformed frame: reported and logged once',
        given: HOSTED,
        event: { type: 'frame', connectionId: 1, frame: bad },
        state: at(READY, conn(1, 'hosted'), { loggedProtocolError: true }),
        effects: [{ type: 'emit-protocol-error', error: bad.error }, warn('Further ones are reported on protocolErrors$ only')],
      },
      {
        name: 'a later malformed frame: reported only',
        given: at(READY, conn(1, 'hosted'), { loggedProtocolError: true }),
        event: { type: 'frame', connectionId: 1, frame: bad },
        state: 'same',
        effects: [{ type: 'emit-protocol-error', error: bad.error }],
      },
      {
        name: 'ignores frames of a replaced socket',
        given: at(CONNECTING, conn(2, 'connecting')),
        event: { type: 'frame', connectionId: 1, frame: ok },
        state: 'same',
        effects: [],
      },
    ]);
  });

  describe('host', () => {
    table([
      {
        name: 'valid: ready, the connect timeout cancelled, pings armed',
        given: OPEN,
        event: message(1, hostFrame()),
        state: HOSTED,
        effects: [cancel('connect-timeout'), arm('ping', 1000, 1), emit(READY)],
      },
      {
        name: 'valid with pings off: no ping timer',
        given: OPEN,
        event: message(1, hostFrame()),
        env: env({ config: { pingIntervalMs: 0, pongTimeoutMs: 0 } }),
        state: HOSTED,
        effects: [cancel('connect-timeout'), emit(READY)],
      },
      {
        name: 'valid after reconnecting: ready, the attempts kept until the channel has held (stable timer)',
        given: at(reconnecting(2, 2000), conn(3, 'open'), { attempts: 2 }),
        event: message(3, hostFrame()),
        state: at(READY, conn(3, 'hosted'), { attempts: 2 }),
        effects: [cancel('connect-timeout'), arm('ping', 1000, 3), arm('stable', 10_000, 3), emit(READY)],
      },
      {
        name: 'valid after reconnecting with stableAfterMs 0: the attempts start again at once',
        given: at(reconnecting(2, 2000), conn(3, 'open'), { attempts: 2 }),
        event: message(3, hostFrame()),
        env: env({ config: { reconnect: { ...CONFIG.reconnect, stableAfterMs: 0 } } }),
        state: at(READY, conn(3, 'hosted')),
        effects: [cancel('connect-timeout'), arm('ping', 1000, 3), emit(READY)],
      },
      {
        name: 'naming no signal server: the configured signaling URL',
        given: OPEN,
        event: message(1, hostFrame({ signalServer: undefined })),
        state: HOSTED,
        effects: [cancel('connect-timeout'), arm('ping', 1000, 1), emit(READY)],
      },
      {
        name: 'refused by the host (success: false): PROOFME_HOST_REFUSED with its message',
        given: OPEN,
        event: message(1, hostFrame({ success: false, message: 'no' })),
        state: at(error('PROOFME_HOST_REFUSED', 'no'), null),
        effects: [...releaseUnhosted, emit(error('PROOFME_HOST_REFUSED', 'no'))],
      },
      {
        name: 'refused by policy (signal server not allowed): no QR, with a hint',
        given: OPEN,
        event: message(1, hostFrame({ signalServer: 'wss://evil.example' })),
        state: at(error('PROOFME_SIGNAL_SERVER_REFUSED'), null),
        effects: [...releaseUnhosted, emit(error('PROOFME_SIGNAL_SERVER_REFUSED')), warn('allowedSignalServers')],
      },
      {
        name: 'refused by policy keeps the attempt count (a refusal is not a channel)',
        given: at(reconnecting(1, 1000), conn(2, 'open'), { attempts: 1 }),
        event: message(2, hostFrame({ signalServer: 'ws://api.proofme.id' })),
        state: at(error('PROOFME_SIGNAL_SERVER_REFUSED'), null, { attempts: 1, lastConnectionId: 2 }),
        effects: [...releaseUnhosted, emit(error('PROOFME_SIGNAL_SERVER_REFUSED')), warn('allowedSignalServers')],
      },
      {
        name: 'a second host on the same connection: the shown channel stays',
        given: HOSTED_SCANNED,
        event: message(1, hostFrame({ channelId: ID })),
        state: 'same',
        effects: [],
      },
      {
        name: 'ignores a host from a replaced socket',
        given: at(CONNECTING, conn(2, 'open')),
        event: message(1, hostFrame()),
        state: 'same',
        effects: [],
      },
    ]);
  });

  describe('clientconnected', () => {
    table([
      { name: 'ready: scanned', given: HOSTED, event: message(1, { type: 'clientconnected' }), state: HOSTED_SCANNED, effects: [emit(SCANNED)] },
      { name: 'already scanned: nothing', given: HOSTED_SCANNED, event: message(1, { type: 'clientconnected' }), state: 'same', effects: [] },
      { name: 'before the channel: nothing', given: OPEN, event: message(1, { type: 'clientconnected' }), state: 'same', effects: [] },
    ]);
  });

  describe('disconnect (the phone left)', () => {
    table([
      {
        name: 'scanned: phone-left, the dead channel closed, no retry',
        given: HOSTED_SCANNED,
        event: message(1, { type: 'disconnect' }),
        state: at(PHONE_LEFT, null),
        effects: [...releaseHosted, emit(PHONE_LEFT)],
      },
      {
        name: 'ready: phone-left',
        given: HOSTED,
        event: message(1, { type: 'disconnect' }),
        state: at(PHONE_LEFT, null),
        effects: [...releaseHosted, emit(PHONE_LEFT)],
      },
      {
        name: 'with autoRefresh: phone-left, then an auto-refresh behind what subscribers do',
        given: HOSTED_SCANNED,
        event: message(1, { type: 'disconnect' }),
        env: env({ config: { autoRefresh: true } }),
        state: at(PHONE_LEFT, null),
        effects: [...releaseHosted, emit(PHONE_LEFT), { type: 'raise', event: { type: 'auto-refresh' } }],
      },
      { name: 'before the channel: nothing', given: OPEN, event: message(1, { type: 'disconnect' }), state: 'same', effects: [] },
    ]);
  });

  describe('result', () => {
    const failed: ProofmeState = { status: 'failed', message: 'IDENTIFICATION' };
    table([
      {
        name: 'success while scanned: the result, then the state, then everything completes',
        given: HOSTED_SCANNED,
        event: message(1, { type: 'result', success: true, message: 'IDENTIFICATION_SUCCESS' }),
        state: at(SUCCEEDED, null),
        effects: [...releaseHosted, { type: 'emit-result', result: SUCCEEDED }, emit(SUCCEEDED), complete],
      },
      {
        name: 'failure while ready',
        given: HOSTED,
        event: message(1, { type: 'result', success: false, message: 'IDENTIFICATION' }),
        state: at(failed, null),
        effects: [...releaseHosted, { type: 'emit-result', result: failed }, emit(failed), complete],
      },
      {
        name: 'before the channel: ignored (no phone could have joined)',
        given: OPEN,
        event: message(1, { type: 'result', success: true, message: 'IDENTIFICATION_SUCCESS' }),
        state: 'same',
        effects: [],
      },
    ]);
  });

  describe('pong', () => {
    table([
      {
        name: 'the first pong while hosted: the server answers pings, the watchdog arms from now on',
        given: HOSTED,
        event: message(1, { type: 'pong' }),
        state: at(READY, conn(1, 'hosted'), { pongSeen: true }),
        effects: [cancel('pong-timeout')],
      },
      {
        name: 'a later pong: the pong timeout is cancelled',
        given: at(READY, conn(1, 'hosted'), { pongSeen: true }),
        event: message(1, { type: 'pong' }),
        state: 'same',
        effects: [cancel('pong-timeout')],
      },
      { name: 'before the channel: nothing', given: OPEN, event: message(1, { type: 'pong' }), state: 'same', effects: [] },
    ]);
  });

  describe('connect timeout', () => {
    table([
      {
        name: 'no channel in time on the first connection: attempt 1 (a timeout is not a refusal)',
        given: FIRST_CONNECTING,
        event: fired('connect-timeout', 1),
        state: at(reconnecting(1, 1000), conn(2, 'waiting'), { attempts: 1, everOpened: false }),
        effects: [...releaseUnhosted, arm('retry', 1000, 2), emit(reconnecting(1, 1000))],
      },
      {
        name: 'opened but no channel in time: attempt 1',
        given: OPEN,
        event: fired('connect-timeout', 1),
        state: at(reconnecting(1, 1000), conn(2, 'waiting'), { attempts: 1 }),
        effects: [...releaseUnhosted, arm('retry', 1000, 2), emit(reconnecting(1, 1000))],
      },
      { name: 'after the channel: ignored', given: HOSTED, event: fired('connect-timeout', 1), state: 'same', effects: [] },
      { name: 'of a replaced socket: ignored', given: at(CONNECTING, conn(2, 'open')), event: fired('connect-timeout', 1), state: 'same', effects: [] },
    ]);
  });

  describe('ping and pong timeout', () => {
    table([
      {
        name: 'ping due after a pong was seen: a ping, the next one armed, and the wait for its pong',
        given: at(READY, conn(1, 'hosted'), { pongSeen: true }),
        event: fired('ping', 1),
        state: 'same',
        effects: [{ type: 'send-ping' }, arm('ping', 1000, 1), arm('pong-timeout', 500, 1)],
      },
      {
        name: 'ping due before any pong: no pong timeout (a server that never answers is not penalised)',
        given: HOSTED,
        event: fired('ping', 1),
        state: 'same',
        effects: [{ type: 'send-ping' }, arm('ping', 1000, 1)],
      },
      {
        name: 'ping due with the watchdog off: no pong timeout',
        given: HOSTED_SCANNED,
        event: fired('ping', 1),
        env: env({ config: { pongTimeoutMs: 0 } }),
        state: 'same',
        effects: [{ type: 'send-ping' }, arm('ping', 1000, 1)],
      },
      {
        name: 'pong missed: a drop, attempt 1',
        given: HOSTED,
        event: fired('pong-timeout', 1),
        state: at(reconnecting(1, 1000), conn(2, 'waiting'), { attempts: 1 }),
        effects: [...releaseHosted, arm('retry', 1000, 2), emit(reconnecting(1, 1000))],
      },
      { name: 'ping of a replaced socket: ignored', given: at(CONNECTING, conn(2, 'connecting')), event: fired('ping', 1), state: 'same', effects: [] },
      { name: 'pong timeout of a replaced socket: ignored', given: at(READY, conn(2, 'hosted')), event: fired('pong-timeout', 1), state: 'same', effects: [] },
    ]);
  });

  describe('retry timer', () => {
    const waiting = at(reconnecting(1, 1000), conn(2, 'waiting'), { attempts: 1 });
    table([
      {
        name: 'fired: opens the connection it was armed for, still reconnecting',
        given: waiting,
        event: fired('retry', 2),
        state: at(reconnecting(1, 1000), conn(2, 'connecting'), { attempts: 1 }),
        effects: [openSocket(2), arm('connect-timeout', 5000, 2)],
      },
      { name: 'for another connection: ignored', given: waiting, event: fired('retry', 1), state: 'same', effects: [] },
      {
        name: 'after a refresh opened a socket instead: ignored',
        given: at(CONNECTING, conn(3, 'connecting')),
        event: fired('retry', 2),
        state: 'same',
        effects: [],
      },
      { name: 'after close: ignored', given: at(CLOSED, null, { lastConnectionId: 2 }), event: fired('retry', 2), state: 'same', effects: [] },
    ]);
  });

  describe('refresh', () => {
    const refresh: SessionEvent = { type: 'refresh' };
    table([
      {
        name: 'phone-left: a new connection, connecting',
        given: at(PHONE_LEFT, null),
        event: refresh,
        state: at(CONNECTING, conn(2, 'connecting')),
        effects: [openSocket(2), arm('connect-timeout', 5000, 2), emit(CONNECTING)],
      },
      {
        name: 'expired: a new connection',
        given: at(EXPIRED, null),
        event: refresh,
        state: at(CONNECTING, conn(2, 'connecting')),
        effects: [openSocket(2), arm('connect-timeout', 5000, 2), emit(CONNECTING)],
      },
      {
        name: 'ready: the old socket closes first',
        given: HOSTED,
        event: refresh,
        state: at(CONNECTING, conn(2, 'connecting')),
        effects: [...releaseHosted, openSocket(2), arm('connect-timeout', 5000, 2), emit(CONNECTING)],
      },
      {
        name: 'connecting: a new socket replaces the opening one',
        given: FIRST_CONNECTING,
        event: refresh,
        state: at(CONNECTING, conn(2, 'connecting'), { everOpened: false }),
        effects: [...releaseUnhosted, openSocket(2), arm('connect-timeout', 5000, 2), emit(CONNECTING)],
      },
      {
        name: 'reconnecting: the retry is cancelled and the attempts start again',
        given: at(reconnecting(2, 2000), conn(3, 'waiting'), { attempts: 2 }),
        event: refresh,
        state: at(CONNECTING, conn(4, 'connecting')),
        effects: [cancel('retry'), openSocket(4), arm('connect-timeout', 5000, 4), emit(CONNECTING)],
      },
      {
        name: 'unreachable: the attempts start again',
        given: at(UNREACHABLE, null, { attempts: 3, lastConnectionId: 4 }),
        event: refresh,
        state: at(CONNECTING, conn(5, 'connecting')),
        effects: [openSocket(5), arm('connect-timeout', 5000, 5), emit(CONNECTING)],
      },
      {
        name: 'an invalid target: connecting, then the same error',
        given: at(error('PROOFME_INVALID_TARGET', 'bad'), null, { everOpened: false, lastConnectionId: 0 }),
        event: refresh,
        env: env({ connect: { kind: 'invalid-target', message: 'bad' } }),
        state: at(error('PROOFME_INVALID_TARGET', 'bad'), null, { everOpened: false, lastConnectionId: 0 }),
        effects: [emit(CONNECTING), emit(error('PROOFME_INVALID_TARGET', 'bad'))],
      },
      {
        name: 'on the server platform: nothing',
        given: initialSessionState(),
        event: refresh,
        env: env({ connect: { kind: 'server-platform' } }),
        state: 'same',
        effects: [],
      },
      {
        name: 'without a WebSocket: nothing',
        given: at(error('PROOFME_UNSUPPORTED'), null, { everOpened: false, lastConnectionId: 0 }),
        event: refresh,
        env: env({ connect: { kind: 'unsupported' } }),
        state: 'same',
        effects: [],
      },
      { name: 'closed: nothing but a dev warning', given: at(CLOSED, null), event: refresh, state: 'same', effects: [warn('has ended')] },
      { name: 'succeeded: nothing but a dev warning', given: at(SUCCEEDED, null), event: refresh, state: 'same', effects: [warn('has ended')] },
    ]);
  });

  describe('auto-refresh (raised after the phone left)', () => {
    const autoRefresh: SessionEvent = { type: 'auto-refresh' };
    table([
      {
        name: 'still phone-left: refreshes',
        given: at(PHONE_LEFT, null),
        event: autoRefresh,
        state: at(CONNECTING, conn(2, 'connecting')),
        effects: [openSocket(2), arm('connect-timeout', 5000, 2), emit(CONNECTING)],
      },
      {
        name: 'a subscriber refreshed already: nothing (one new connection, not two)',
        given: at(CONNECTING, conn(2, 'connecting')),
        event: autoRefresh,
        state: 'same',
        effects: [],
      },
      { name: 'a subscriber closed: nothing, and no warning', given: at(CLOSED, null), event: autoRefresh, state: 'same', effects: [] },
    ]);
  });

  describe('close', () => {
    const close: SessionEvent = { type: 'close' };
    table([
      {
        name: 'ready: socket closed, timers stopped, closed, completed',
        given: HOSTED,
        event: close,
        state: at(CLOSED, null),
        effects: [...releaseHosted, emit(CLOSED), complete],
      },
      {
        name: 'connecting: the opening socket is closed',
        given: FIRST_CONNECTING,
        event: close,
        state: at(CLOSED, null, { everOpened: false }),
        effects: [...releaseUnhosted, emit(CLOSED), complete],
      },
      {
        name: 'reconnecting: the retry is cancelled',
        given: at(reconnecting(1, 1000), conn(2, 'waiting'), { attempts: 1 }),
        event: close,
        state: at(CLOSED, null, { attempts: 1, lastConnectionId: 2 }),
        effects: [cancel('retry'), emit(CLOSED), complete],
      },
      {
        name: 'phone-left (nothing open): closed, completed',
        given: at(PHONE_LEFT, null),
        event: close,
        state: at(CLOSED, null),
        effects: [emit(CLOSED), complete],
      },
      {
        name: 'on the server platform: closed, completed',
        given: initialSessionState(),
        event: close,
        env: env({ connect: { kind: 'server-platform' } }),
        state: at(CLOSED, null, { everOpened: false, lastConnectionId: 0 }),
        effects: [emit(CLOSED), complete],
      },
      { name: 'closed again: nothing (idempotent)', given: at(CLOSED, null), event: close, state: 'same', effects: [] },
      { name: 'after a result: nothing, the result stays', given: at(SUCCEEDED, null), event: close, state: 'same', effects: [] },
    ]);
  });

  describe('stable timer (issue 14: backoff that flapping cannot defeat)', () => {
    table([
      {
        name: 'fired while the channel still holds: the outage is over, the attempts start again',
        given: at(READY, conn(3, 'hosted'), { attempts: 2 }),
        event: fired('stable', 3),
        state: at(READY, conn(3, 'hosted')),
        effects: [],
      },
      { name: 'fired with no attempts spent: nothing', given: HOSTED, event: fired('stable', 1), state: 'same', effects: [] },
      {
        name: 'of a connection that dropped meanwhile: ignored',
        given: at(reconnecting(3, 4000), conn(4, 'waiting'), { attempts: 3 }),
        event: fired('stable', 3),
        state: 'same',
        effects: [],
      },
      {
        name: 'a drop before it fired (host, then drop): the attempts go on to PROOFME_UNREACHABLE',
        given: at(READY, conn(4, 'hosted'), { attempts: 3 }),
        event: closed(4, 1006),
        state: at(UNREACHABLE, null, { attempts: 3, lastConnectionId: 4 }),
        effects: [...releaseHosted, emit(UNREACHABLE)],
      },
      {
        name: 'a drop before it fired, attempts left: the next, longer delay',
        given: at(READY, conn(3, 'hosted'), { attempts: 2 }),
        event: closed(3, 1006),
        state: at(reconnecting(3, 4000), conn(4, 'waiting'), { attempts: 3 }),
        effects: [...releaseHosted, arm('retry', 4000, 4), emit(reconnecting(3, 4000))],
      },
    ]);
  });

  describe('pong watchdog (issue 14: dead connections found)', () => {
    table([
      {
        name: 'a pong timeout after a pong was seen: a drop, attempt 1',
        given: at(READY, conn(1, 'hosted'), { pongSeen: true }),
        event: fired('pong-timeout', 1),
        state: at(reconnecting(1, 1000), conn(2, 'waiting'), { attempts: 1, pongSeen: true }),
        effects: [...releaseHosted, arm('retry', 1000, 2), emit(reconnecting(1, 1000))],
      },
      {
        name: 'a new connection of a server that answered before: its first ping arms the watchdog',
        given: at(READY, conn(2, 'hosted'), { pongSeen: true }),
        event: fired('ping', 2),
        state: 'same',
        effects: [{ type: 'send-ping' }, arm('ping', 1000, 2), arm('pong-timeout', 500, 2)],
      },
    ]);
  });

  describe('network (offline / online events)', () => {
    const OFFLINE: ProofmeState = { status: 'offline' };
    const goOffline: SessionEvent = { type: 'network', online: false };
    const goOnline: SessionEvent = { type: 'network', online: true };
    table([
      {
        name: 'offline while ready: the socket dropped, offline shown',
        given: HOSTED,
        event: goOffline,
        state: at(OFFLINE, null, { network: 'offline' }),
        effects: [...releaseHosted, emit(OFFLINE)],
      },
      {
        name: 'offline while connecting: the opening socket dropped, offline shown',
        given: FIRST_CONNECTING,
        event: goOffline,
        state: at(OFFLINE, null, { network: 'offline', everOpened: false }),
        effects: [...releaseUnhosted, emit(OFFLINE)],
      },
      {
        name: 'offline while reconnecting: the retry cancelled (it would fail), offline shown',
        given: at(reconnecting(1, 1000), conn(2, 'waiting'), { attempts: 1 }),
        event: goOffline,
        state: at(OFFLINE, null, { network: 'offline', attempts: 1, lastConnectionId: 2 }),
        effects: [cancel('retry'), emit(OFFLINE)],
      },
      {
        name: 'offline with nothing open (phone-left): noted only',
        given: at(PHONE_LEFT, null),
        event: goOffline,
        state: at(PHONE_LEFT, null, { network: 'offline' }),
        effects: [],
      },
      { name: 'offline again: nothing', given: at(OFFLINE, null, { network: 'offline' }), event: goOffline, state: 'same', effects: [] },
      {
        name: 'online from offline: a new connection at once, the attempts spent kept',
        given: at(OFFLINE, null, { network: 'offline', attempts: 1, lastConnectionId: 2 }),
        event: goOnline,
        state: at(CONNECTING, conn(3, 'connecting'), { attempts: 1 }),
        effects: [openSocket(3), arm('connect-timeout', 5000, 3), emit(CONNECTING)],
      },
      {
        name: 'online while phone-left: noted only (a new QR code is the user’s call)',
        given: at(PHONE_LEFT, null, { network: 'offline' }),
        event: goOnline,
        state: at(PHONE_LEFT, null),
        effects: [],
      },
      {
        name: 'online on the server platform: noted only',
        given: at(OFFLINE, null, { network: 'offline' }),
        event: goOnline,
        env: env({ connect: { kind: 'server-platform' } }),
        state: at(OFFLINE, null),
        effects: [],
      },
      { name: 'online while online (the first report): nothing', given: HOSTED, event: goOnline, state: 'same', effects: [] },
    ]);
  });

  const EXPIRES_AT = NOW + 600_000;
  const READY_EXPIRING: ProofmeState = { ...READY, expiresAt: EXPIRES_AT };
  const HOSTED_EXPIRING = at(READY_EXPIRING, conn(1, 'hosted'));

  describe('visibility (hidden / visible)', () => {
    const hide: SessionEvent = { type: 'visibility', visible: false };
    const show: SessionEvent = { type: 'visibility', visible: true };
    table([
      { name: 'hidden: noted', given: HOSTED, event: hide, state: at(READY, conn(1, 'hosted'), { hidden: true }), effects: [] },
      { name: 'hidden again: nothing', given: at(READY, conn(1, 'hosted'), { hidden: true }), event: hide, state: 'same', effects: [] },
      { name: 'visible while visible (the first report): nothing', given: HOSTED, event: show, state: 'same', effects: [] },
      {
        name: 'visible, the socket died meanwhile (reconnecting): the attempt starts at once',
        given: at(reconnecting(2, 2000), conn(3, 'waiting'), { attempts: 2, hidden: true }),
        event: show,
        state: at({ status: 'reconnecting', attempt: 2, delayMs: 0, retryAt: NOW }, conn(3, 'connecting'), { attempts: 2 }),
        effects: [cancel('retry'), openSocket(3), arm('connect-timeout', 5000, 3), emit({ status: 'reconnecting', attempt: 2, delayMs: 0, retryAt: NOW })],
      },
      {
        name: 'visible, the attempts ran out meanwhile (unreachable): a refresh',
        given: at(UNREACHABLE, null, { attempts: 3, lastConnectionId: 4, hidden: true }),
        event: show,
        state: at(CONNECTING, conn(5, 'connecting')),
        effects: [openSocket(5), arm('connect-timeout', 5000, 5), emit(CONNECTING)],
      },
      {
        name: 'visible, the channel expired meanwhile (4408 seen): a refresh',
        given: at(EXPIRED, null, { hidden: true }),
        event: show,
        state: at(CONNECTING, conn(2, 'connecting')),
        effects: [openSocket(2), arm('connect-timeout', 5000, 2), emit(CONNECTING)],
      },
      {
        name: 'visible, past expiresAt with no close seen: a refresh',
        given: at(READY_EXPIRING, conn(1, 'hosted'), { hidden: true }),
        event: show,
        env: env({ now: EXPIRES_AT }),
        state: at(CONNECTING, conn(2, 'connecting')),
        effects: [...releaseHosted, openSocket(2), arm('connect-timeout', 5000, 2), emit(CONNECTING)],
      },
      {
        name: 'visible within the rotation lead (rotation paused while hidden): the standby opens now',
        given: at(READY_EXPIRING, conn(1, 'hosted'), { hidden: true }),
        event: show,
        env: env({ now: EXPIRES_AT - 10_000 }),
        state: at(READY_EXPIRING, conn(1, 'hosted'), { lastConnectionId: 2, standby: conn(2, 'connecting') }),
        effects: [{ type: 'open-standby', connectionId: 2, url: URL }, arm('connect-timeout', 5000, 2)],
      },
      {
        name: 'visible, far from expiry: noted only',
        given: at(READY_EXPIRING, conn(1, 'hosted'), { hidden: true }),
        event: show,
        state: HOSTED_EXPIRING,
        effects: [],
      },
      {
        name: 'visible while offline: noted only (the online event reconnects)',
        given: at({ status: 'offline' }, null, { hidden: true, network: 'offline' }),
        event: show,
        state: at({ status: 'offline' }, null, { network: 'offline' }),
        effects: [],
      },
    ]);
  });

  describe('expiry and rotation', () => {
    const NEXT = 'c2d6f1a0-3b4e-4c5d-8e9f-0a1b2c3d4e5f';
    const READY_NEXT: ProofmeState = {
      status: 'ready',
      channelId: NEXT,
      signalServer: 'wss://api.proofme.id',
      deeplink: `https://proofme.id/app?p=${NEXT}:wss%3A%2F%2Fapi.proofme.id`,
      expiresAt: NOW + 600_000,
    };
    const ROTATING = at(READY_EXPIRING, conn(1, 'hosted'), { lastConnectionId: 2, standby: conn(2, 'connecting') });
    const ROTATING_OPEN = at(READY_EXPIRING, conn(1, 'hosted'), { lastConnectionId: 2, standby: conn(2, 'open') });
    const releaseStandby = [cancel('connect-timeout'), { type: 'close-standby' } as SessionEffect];
    table([
      {
        name: 'host with expiresAt: ready carries it, rotation armed rotateBeforeExpiryMs before it',
        given: OPEN,
        event: message(1, hostFrame({ expiresAt: EXPIRES_AT })),
        state: HOSTED_EXPIRING,
        effects: [cancel('connect-timeout'), arm('ping', 1000, 1), arm('rotate', 600_000 - 15_000, 1), emit(READY_EXPIRING)],
      },
      {
        name: 'host without expiresAt, channelTtlMs configured: expiresAt = now + channelTtlMs',
        given: OPEN,
        event: message(1, hostFrame()),
        env: env({ config: { channelTtlMs: 600_000 } }),
        state: HOSTED_EXPIRING,
        effects: [cancel('connect-timeout'), arm('ping', 1000, 1), arm('rotate', 585_000, 1), emit(READY_EXPIRING)],
      },
      {
        name: 'host with expiresAt, rotation off: the expiry shown, nothing armed for it',
        given: OPEN,
        event: message(1, hostFrame({ expiresAt: EXPIRES_AT })),
        env: env({ config: { rotateBeforeExpiryMs: 0 } }),
        state: HOSTED_EXPIRING,
        effects: [cancel('connect-timeout'), arm('ping', 1000, 1), emit(READY_EXPIRING)],
      },
      {
        name: 'host whose channel lives no longer than the rotation lead: not rotated (the next one would be as short: a loop)',
        given: OPEN,
        event: message(1, hostFrame({ expiresAt: EXPIRES_AT })),
        env: env({ config: { rotateBeforeExpiryMs: 600_000 } }),
        state: HOSTED_EXPIRING,
        effects: [cancel('connect-timeout'), arm('ping', 1000, 1), emit(READY_EXPIRING)],
      },
      {
        name: 'rotate due while ready: a standby socket opens beside the live one, the state stays ready',
        given: HOSTED_EXPIRING,
        event: fired('rotate', 1),
        state: ROTATING,
        effects: [{ type: 'open-standby', connectionId: 2, url: URL }, arm('connect-timeout', 5000, 2)],
      },
      { name: 'rotate due while hidden: paused', given: at(READY_EXPIRING, conn(1, 'hosted'), { hidden: true }), event: fired('rotate', 1), state: 'same', effects: [] },
      { name: 'rotate due while scanned: nothing (a joined channel does not expire)', given: HOSTED_SCANNED, event: fired('rotate', 1), state: 'same', effects: [] },
      { name: 'rotate due with a standby already opening: nothing', given: ROTATING, event: fired('rotate', 1), state: 'same', effects: [] },
      { name: 'standby opened', given: ROTATING, event: { type: 'socket-open', connectionId: 2 }, state: ROTATING_OPEN, effects: [] },
      {
        name: 'standby frame: heard like the live one’s',
        given: ROTATING_OPEN,
        event: { type: 'frame', connectionId: 2, frame: { ok: true, message: { type: 'pong' } } },
        state: 'same',
        effects: [{ type: 'emit-message', message: { type: 'pong' } }, { type: 'raise', event: message(2, { type: 'pong' }) }],
      },
      {
        name: 'standby host: it becomes the live connection, the old socket closes, ready → ready (no connecting)',
        given: ROTATING_OPEN,
        event: message(2, hostFrame({ channelId: NEXT, expiresAt: NOW + 600_000 })),
        state: at(READY_NEXT, conn(2, 'hosted'), { lastConnectionId: 2 }),
        effects: [
          cancel('connect-timeout', 'ping', 'pong-timeout', 'stable', 'rotate'),
          { type: 'promote-standby' },
          arm('ping', 1000, 2),
          arm('rotate', 585_000, 2),
          emit(READY_NEXT),
        ],
      },
      {
        name: 'standby host refused by policy: the standby dropped, the old QR code stays',
        given: ROTATING_OPEN,
        event: message(2, hostFrame({ channelId: NEXT, signalServer: 'wss://evil.example' })),
        state: at(READY_EXPIRING, conn(1, 'hosted'), { lastConnectionId: 2 }),
        effects: releaseStandby,
      },
      { name: 'standby non-host message: ignored', given: ROTATING_OPEN, event: message(2, { type: 'clientconnected' }), state: 'same', effects: [] },
      {
        name: 'standby closed: dropped, the old QR code stays',
        given: ROTATING_OPEN,
        event: closed(2, 1006),
        state: at(READY_EXPIRING, conn(1, 'hosted'), { lastConnectionId: 2 }),
        effects: releaseStandby,
      },
      {
        name: 'standby connect timeout: dropped, the old QR code stays',
        given: ROTATING,
        event: fired('connect-timeout', 2),
        state: at(READY_EXPIRING, conn(1, 'hosted'), { lastConnectionId: 2 }),
        effects: releaseStandby,
      },
      {
        name: 'the phone joins the old channel while the standby opens: scanned, standby and rotation stopped',
        given: ROTATING,
        event: message(1, { type: 'clientconnected' }),
        state: at(SCANNED, conn(1, 'hosted'), { lastConnectionId: 2 }),
        effects: [...releaseStandby, cancel('rotate'), emit(SCANNED)],
      },
      {
        name: 'the live socket drops while the standby opens: both released, attempt 1',
        given: ROTATING,
        event: closed(1, 1006),
        state: at(reconnecting(1, 1000), conn(3, 'waiting'), { attempts: 1, lastConnectionId: 3 }),
        effects: [...releaseStandby, ...releaseHosted, arm('retry', 1000, 3), emit(reconnecting(1, 1000))],
      },
      {
        name: 'close while rotating: both sockets closed',
        given: ROTATING,
        event: { type: 'close' },
        state: at(CLOSED, null, { lastConnectionId: 2 }),
        effects: [...releaseStandby, ...releaseHosted, emit(CLOSED), complete],
      },
      {
        name: 'close 4408 (no rotation in time): expired',
        given: HOSTED_EXPIRING,
        event: closed(1, 4408),
        state: at(EXPIRED, null),
        effects: [...releaseHosted, emit(EXPIRED)],
      },
    ]);
  });

  describe('retry now', () => {
    const retryNow: SessionEvent = { type: 'retry-now' };
    const now = (attempt: number): ProofmeState => ({ status: 'reconnecting', attempt, delayMs: 0, retryAt: NOW });
    table([
      {
        name: 'reconnecting: the retry cancelled, its connection opens now, retryAt now',
        given: at(reconnecting(2, 2000), conn(3, 'waiting'), { attempts: 2 }),
        event: retryNow,
        state: at(now(2), conn(3, 'connecting'), { attempts: 2 }),
        effects: [cancel('retry'), openSocket(3), arm('connect-timeout', 5000, 3), emit(now(2))],
      },
      {
        name: 'reconnecting with the attempt already under way: nothing',
        given: at(reconnecting(1, 1000), conn(2, 'connecting'), { attempts: 1 }),
        event: retryNow,
        state: 'same',
        effects: [],
      },
      {
        name: 'unreachable (retryable): a refresh',
        given: at(UNREACHABLE, null, { attempts: 3, lastConnectionId: 4 }),
        event: retryNow,
        state: at(CONNECTING, conn(5, 'connecting')),
        effects: [openSocket(5), arm('connect-timeout', 5000, 5), emit(CONNECTING)],
      },
      {
        name: 'expired: a refresh',
        given: at(EXPIRED, null),
        event: retryNow,
        state: at(CONNECTING, conn(2, 'connecting')),
        effects: [openSocket(2), arm('connect-timeout', 5000, 2), emit(CONNECTING)],
      },
      {
        name: 'offline: a refresh (the user tries anyway)',
        given: at({ status: 'offline' }, null, { network: 'offline' }),
        event: retryNow,
        state: at(CONNECTING, conn(2, 'connecting'), { network: 'offline' }),
        effects: [openSocket(2), arm('connect-timeout', 5000, 2), emit(CONNECTING)],
      },
      {
        name: 'a non-retryable error (signal server refused): nothing',
        given: at(error('PROOFME_SIGNAL_SERVER_REFUSED', 'no'), null),
        event: retryNow,
        state: 'same',
        effects: [],
      },
      { name: 'ready: nothing', given: HOSTED, event: retryNow, state: 'same', effects: [] },
      { name: 'closed: nothing', given: at(CLOSED, null), event: retryNow, state: 'same', effects: [] },
    ]);
  });

  afterAll(() => {
    // The number the report asks for; printed, not asserted.
    process.stdout.write(`session machine: ${rowCounts.reduce((a, b) => a + b, 0)} transition rows\n`);
  });
});

describe('an event the types rule out', () => {
  it('throws PROOFME_INTERNAL instead of ignoring it', () => {
    const bogus = { type: 'bogus' } as unknown as Parameters<typeof transition>[1];
    expectProofmeError(thrownBy(() => transition(initialSessionState(), bogus, env())), 'PROOFME_INTERNAL');
  });
});
