import { InjectionToken } from '@angular/core';
import { DemoLanguage, initialLanguage } from './demo-i18n';

/** What the demo reads from `config.json` at start-up. */
export interface DemoConfig {
  /** The signaling server the page connects to. */
  readonly signalingUrl: string;
  /** Proofme's REST API (or the local emulation), for the preflight's public reads. */
  readonly apiUrl: string;
  /** Development tools: the phone panel, and the `?signal=` override. */
  readonly development: boolean;
  /** The page's language, chosen before bootstrap: the library's labels are provided once, at start. */
  readonly language: DemoLanguage;
}

/** The demo's runtime configuration. */
export const DEMO_CONFIG = new InjectionToken<DemoConfig>('DEMO_CONFIG');

/**
 * Fetches `config.json` from beside the app. In development, `?signal=ws://…` points the page at
 * another signaling server; `provideProofme()` still validates it.
 */
export async function loadDemoConfig(location: Location, storage: Storage | null = null, preferred: readonly string[] = []): Promise<DemoConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const served = (await response.json()) as Partial<DemoConfig>;
  const development = served.development === true;
  const override = development ? new URLSearchParams(location.search).get('signal') : null;
  return {
    signalingUrl: override ?? served.signalingUrl ?? 'wss://api.proofme.id',
    apiUrl: served.apiUrl ?? 'https://api.proofme.id/v1',
    development,
    language: initialLanguage(storage, preferred),
  };
}

/** localStorage, or null where reading it throws (storage blocked for this site). */
export function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
