import { ApplicationConfig, EnvironmentProviders, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { PROOFME_LABELS_NL, provideProofme, withLabels, withPreflight } from 'proofme-ng';
import { DEMO_CONFIG, DemoConfig } from './demo-config';
import { DEMO_TEXTS, DEMO_TEXTS_BY_LANGUAGE } from './demo-i18n';

/**
 * The demo's providers, built from its runtime configuration. Zoneless; the e2e tests also build a
 * zone.js variant (main.zone.ts) to hold the library to the same stability there.
 */
export function appConfig(config: DemoConfig, changeDetection: EnvironmentProviders = provideZonelessChangeDetection()): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      changeDetection,
      // XHR, not withFetch(): Angular's FetchBackend calls AbortController.abort() whenever a request's
      // Observable is torn down, even after the whole body was read. Chromium can still be waiting for the
      // loader's completion then, so about one request in three showed net::ERR_ABORTED in DevTools
      // despite its 200 (e2e: no-aborted-requests.spec.ts). The XHR backend aborts only unfinished requests.
      provideHttpClient(),
      provideProofme(
        { signalingUrl: config.signalingUrl, apiUrl: config.apiUrl, reconnect: { maxAttempts: 8 } },
        withPreflight(),
        // The library's labels are static providers: a language switch reloads the page (the URL keeps the identification).
        ...(config.language === 'nl' ? [withLabels(PROOFME_LABELS_NL)] : []),
      ),
      { provide: DEMO_CONFIG, useValue: config },
      { provide: DEMO_TEXTS, useValue: DEMO_TEXTS_BY_LANGUAGE[config.language] },
    ],
  };
}
