import { expectProofmeError, thrownBy } from '../../../test/proofme-error-matchers';
import { DEFAULT_PROOFME_CONFIG, resolveProofmeConfig } from './proofme-config';
import { reconnectDelay } from '../session/reconnect-delay';

describe('resolveProofmeConfig', () => {
  it('defaults to the hosted Proofme service', () => {
    expect(resolveProofmeConfig()).toEqual(DEFAULT_PROOFME_CONFIG);
    expect(DEFAULT_PROOFME_CONFIG.signalingUrl).toBe('wss://api.proofme.id');
    expect(DEFAULT_PROOFME_CONFIG.deeplinkBase).toBe('https://proofme.id/app');
    expect(DEFAULT_PROOFME_CONFIG.connectTimeoutMs).toBe(10_000);
    // Found within ping + pong = 30 s once the server has answered a ping (issue 14).
    expect(DEFAULT_PROOFME_CONFIG.pingIntervalMs + DEFAULT_PROOFME_CONFIG.pongTimeoutMs).toBe(30_000);
    expect(DEFAULT_PROOFME_CONFIG.reconnect.stableAfterMs).toBe(10_000);
    expect(DEFAULT_PROOFME_CONFIG.channelTtlMs).toBe(0);
    expect(DEFAULT_PROOFME_CONFIG.rotateBeforeExpiryMs).toBe(15_000);
  });

  it.each([
    [{ pingIntervalMs: 5000 }, 2500],
    [{ pingIntervalMs: 0 }, 0],
    [{ pingIntervalMs: 60_000 }, 10_000],
    [{ pingIntervalMs: 5000, pongTimeoutMs: 0 }, 0],
  ])('derives the pong watchdog from a configured ping interval: %p gives %p', (options, pongTimeoutMs) => {
    expect(resolveProofmeConfig(options).pongTimeoutMs).toBe(pongTimeoutMs);
  });

  it('merges the reconnect policy field by field', () => {
    const config = resolveProofmeConfig({ reconnect: { maxAttempts: 9 } });
    expect(config.reconnect).toEqual({ ...DEFAULT_PROOFME_CONFIG.reconnect, maxAttempts: 9 });
  });

  it.each([
    [{ signalingUrl: 'https://api.proofme.id' }, /signalingUrl/],
    [{ deeplinkBase: 'proofme.id/app' }, /deeplinkBase/],
    [{ deeplinkBase: 'javascript:alert(1)' }, /deeplinkBase/],
    [{ apiUrl: 'ftp://api.proofme.id' }, /apiUrl/],
    [{ connectTimeoutMs: -1 }, /connectTimeoutMs/],
    [{ maxFrameLength: Number.NaN }, /maxFrameLength/],
    [{ reconnect: { jitter: 2 } }, /jitter/],
    [{ reconnect: { maxAttempts: -3 } }, /maxAttempts/],
    [{ pingIntervalMs: 1000, pongTimeoutMs: 1500 }, /pongTimeoutMs must be shorter/],
    [{ pingIntervalMs: 0, pongTimeoutMs: 500 }, /pongTimeoutMs needs pingIntervalMs/],
    [{ channelTtlMs: -1 }, /channelTtlMs/],
    [{ rotateBeforeExpiryMs: Number.NaN }, /rotateBeforeExpiryMs/],
    [{ reconnect: { stableAfterMs: -1 } }, /stableAfterMs/],
  ])('refuses %p at start-up', (options, message) => {
    expect(() => resolveProofmeConfig(options)).toThrow(message);
    expectProofmeError(thrownBy(() => resolveProofmeConfig(options)), 'PROOFME_INVALID_CONFIG');
  });
});

describe('reconnectDelay', () => {
  const policy = { maxAttempts: 10, initialDelayMs: 500, multiplier: 2, maxDelayMs: 5000, jitter: 0.5, stableAfterMs: 0 };
  it('grows exponentially up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => reconnectDelay(attempt, { ...policy, jitter: 0 }));
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });
  it('randomises only the configured share, downwards', () => {
    expect(reconnectDelay(3, policy, () => 0)).toBe(2000);
    expect(reconnectDelay(3, policy, () => 0.999999)).toBe(1000);
  });
});
