import { ApplicationRef } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** What the e2e tests read from `window.proofmeStability`. */
export interface StabilityProbe {
  /** Whether zone.js is loaded. */
  readonly zone: boolean;
  /** Resolves with the milliseconds `ApplicationRef.whenStable()` took from this call. */
  whenStableMs(): Promise<number>;
  isStable(): Promise<boolean>;
  /** How often the app has become unstable since it started. */
  unstableCount(): number;
}

declare const Zone: unknown;

/**
 * Lets the e2e tests see what SSR hydration waits for: `whenStable()`. An app that never becomes
 * stable while a QR code is shown is what logs NG0506 in a hydrated page.
 */
export function exposeStabilityProbe(appRef: ApplicationRef): void {
  let unstable = 0;
  appRef.isStable.subscribe((stable) => stable || unstable++);
  const probe: StabilityProbe = {
    zone: typeof Zone !== 'undefined',
    whenStableMs: () => {
      const start = performance.now();
      return appRef.whenStable().then(() => Math.round(performance.now() - start));
    },
    isStable: () => firstValueFrom(appRef.isStable),
    unstableCount: () => unstable,
  };
  (window as unknown as { proofmeStability: StabilityProbe }).proofmeStability = probe;
}
