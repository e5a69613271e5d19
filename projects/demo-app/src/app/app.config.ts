import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideProofme, withPreflight } from 'proofme-ng';
import { DEMO_CONFIG, DemoConfig } from './demo-config';

/** The demo's providers, built from its runtime configuration. */
export function appConfig(config: DemoConfig): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      provideZonelessChangeDetection(),
      provideHttpClient(withFetch()),
      provideProofme({ signalingUrl: config.signalingUrl, apiUrl: config.apiUrl, reconnect: { maxAttempts: 8 } }, withPreflight()),
      { provide: DEMO_CONFIG, useValue: config },
    ],
  };
}
