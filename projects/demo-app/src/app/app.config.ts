import { ApplicationConfig, EnvironmentProviders, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideProofme, withPreflight } from 'proofme-ng';
import { DEMO_CONFIG, DemoConfig } from './demo-config';

/**
 * The demo's providers, built from its runtime configuration. Zoneless; the e2e tests also build a
 * zone.js variant (main.zone.ts) to hold the library to the same stability there.
 */
export function appConfig(config: DemoConfig, changeDetection: EnvironmentProviders = provideZonelessChangeDetection()): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      changeDetection,
      provideHttpClient(withFetch()),
      provideProofme({ signalingUrl: config.signalingUrl, apiUrl: config.apiUrl, reconnect: { maxAttempts: 8 } }, withPreflight()),
      { provide: DEMO_CONFIG, useValue: config },
    ],
  };
}
