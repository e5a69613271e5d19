import { PhoneSimulator } from '../../signaling-server/src';

/** What the demo's "simulate the phone" panel can ask for. */
export type PhoneAction = 'scan' | 'succeed' | 'fail' | 'leave';

const ACTIONS: readonly PhoneAction[] = ['scan', 'succeed', 'fail', 'leave'];

/** True for a known panel action. */
export function isPhoneAction(value: unknown): value is PhoneAction {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

/**
 * Plays the phone for the demo page, one simulated phone per channel, using the same simulator
 * (and so the same deeplink parser) as the tests. Development only: it is how a person tries every
 * path without a phone.
 */
export class PhonePanel {
  private readonly phones = new Map<string, PhoneSimulator>();

  async act(deeplink: string, action: PhoneAction): Promise<void> {
    let phone = PhoneSimulator.fromDeeplink(deeplink, { joinTimeoutMs: 5000 });
    const key = phone.url;
    if (action === 'scan') {
      await this.phones.get(key)?.close();
      this.phones.set(key, phone);
      await phone.join();
      return;
    }
    const joined = this.phones.get(key);
    if (!joined) {
      // Succeed/fail/leave without a scan first: scan on the way, as a person would expect.
      await phone.join();
    } else {
      phone = joined;
    }
    this.phones.delete(key);
    if (action === 'succeed') await phone.succeed();
    else if (action === 'fail') await phone.fail();
    else await phone.leave();
    if (action !== 'leave') this.phones.set(key, phone);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.phones.values()].map((phone) => phone.close()));
    this.phones.clear();
  }
}
