import type { RestEmulationOptions } from '../../../signaling-server/src';
import type { IntegratorKeys } from './integrator-keys';

/**
 * What the local Proofme emulation must know about this integrator: its API key with the public
 * half of its OpenPGP key and its webhook secret, and a My Page for the demo's origins. (On
 * Proofme this is dashboard configuration.) The private key is not part of it.
 */
export function emulationFor(keys: IntegratorKeys, extra: Partial<RestEmulationOptions> = {}): RestEmulationOptions {
  return {
    apiKeys: [{ key: keys.apiKey, organisationId: keys.organisationId, publicKeyArmored: keys.publicKeyArmored, webhookSecret: keys.webhookSecret }],
    myPages: [
      {
        origins: ['http://127.0.0.1:*', 'http://localhost:*'],
        organisationId: keys.organisationId,
        title: 'proofme-ng demo',
        proofme: { id: keys.proofmeId, name: 'proofme-ng demo' },
      },
    ],
    // The demo backend's webhook route is on this machine (127.0.0.1), which the default refuses.
    webhookTargets: 'loopback',
    ...extra,
  };
}
