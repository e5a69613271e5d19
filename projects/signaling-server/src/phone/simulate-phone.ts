import type { SocketClose } from '../client/socket-close';
import { CLOSE } from '../server/close-codes';
import type { ClientMessage } from '../server/outbound-messages';
import { PhoneSimulatorError } from './phone-errors';
import { PhoneSimulator, PhoneSimulatorOptions } from './phone-simulator';

/** What the phone does once joined: report an outcome, back out, or nothing (stay joined). */
export type PhoneScenario = 'success' | 'failure' | 'leave' | 'none';

/** Options of {@link simulatePhone}. */
export interface SimulatePhoneOptions extends PhoneSimulatorOptions {
  /** Default `success`. */
  readonly result?: PhoneScenario;
  /** Pause between joining and acting, like a user reading the consent screen. Default 0. */
  readonly delayMs?: number;
  /** The result's `message` (defaults: IDENTIFICATION_SUCCESS / IDENTIFICATION_FAILED). */
  readonly message?: string;
}

/** What a scenario did. */
export interface PhoneRun {
  readonly phone: PhoneSimulator;
  readonly scenario: PhoneScenario;
  /** The V2 `client` message the server sent. */
  readonly client: ClientMessage;
  /** How the socket closed; `null` for `none`, where the phone stays joined until you call `phone.close()`. */
  readonly closed: SocketClose | null;
}

/**
 * Plays a phone from a deeplink: join, wait `delayMs`, then act. `success`/`failure` send the
 * simulator's `result` frame and close; `leave` says leave and closes. Rejects with a
 * {@link PhoneSimulatorError}: `PROOFME_PHONE_REFUSED` for an unknown or taken channel,
 * `PROOFME_PHONE_SIMULATOR_MODE_OFF` when the server refused `result`/`leave` (close 4405: it was
 * not started with `--simulator`).
 */
export async function simulatePhone(deeplink: string, options: SimulatePhoneOptions = {}): Promise<PhoneRun> {
  const scenario = options.result ?? 'success';
  const phone = PhoneSimulator.fromDeeplink(deeplink, options);
  const client = await phone.join();
  if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
  let closed: SocketClose | null = null;
  switch (scenario) {
    case 'success':
      await phone.succeed(options.message);
      closed = await phone.close();
      break;
    case 'failure':
      await phone.fail(options.message);
      closed = await phone.close();
      break;
    case 'leave':
      closed = await phone.leave();
      break;
    case 'none':
      break;
  }
  if (closed?.code === CLOSE.simulatorModeOff) {
    throw new PhoneSimulatorError(
      'PROOFME_PHONE_SIMULATOR_MODE_OFF',
      `The server refused the simulator's "${scenario === 'leave' ? 'leave' : 'result'}" frame (close ${closed.code}): it is not in simulator mode. Start it with --simulator (PROOFME_SIGNAL_SIMULATOR=true, or simulator: true).`,
      closed.code,
    );
  }
  return { phone, scenario, client, closed };
}
