import { InjectionToken, PLATFORM_ID, inject } from '@angular/core';
import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import { NEVER, Observable } from 'rxjs';

/**
 * Whether the browser has a network, as a cold Observable: the injected DOCUMENT's window's `onLine`
 * on subscribe, then each of its `online`/`offline` events. Sessions drop to `offline` on `false` and reconnect
 * at once on `true`. On the server (or without a window) it emits nothing: sessions assume online.
 * Tests replace it with a Subject.
 */
export const PROOFME_ONLINE = new InjectionToken<Observable<boolean>>(ngDevMode ? 'PROOFME_ONLINE' : '', {
  providedIn: 'root',
  factory: () => {
    // Optional: an injector outside an application (plain Node) has no document.
    const view = inject(DOCUMENT, { optional: true })?.defaultView;
    if (!isPlatformBrowser(inject(PLATFORM_ID)) || !view?.navigator) return NEVER;
    return new Observable<boolean>((subscriber) => {
      const report = (): void => subscriber.next(view.navigator.onLine);
      report();
      view.addEventListener('online', report);
      view.addEventListener('offline', report);
      return () => {
        view.removeEventListener('online', report);
        view.removeEventListener('offline', report);
      };
    });
  },
});
