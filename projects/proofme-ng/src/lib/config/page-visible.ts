import { InjectionToken, PLATFORM_ID, inject } from '@angular/core';
import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import { NEVER, Observable } from 'rxjs';

/**
 * Whether the page is visible, as a cold Observable: the injected DOCUMENT's `visibilityState` on
 * subscribe, then at each `visibilitychange`. A session pauses rotation while hidden and, when
 * shown again, catches up on what its throttled timers missed. On the server it emits nothing.
 * Tests replace it with a Subject.
 */
export const PROOFME_PAGE_VISIBLE = new InjectionToken<Observable<boolean>>(ngDevMode ? 'PROOFME_PAGE_VISIBLE' : '', {
  providedIn: 'root',
  factory: () => {
    // Optional: an injector outside an application (plain Node) has no document.
    const page = inject(DOCUMENT, { optional: true });
    if (!isPlatformBrowser(inject(PLATFORM_ID)) || !page || typeof page.addEventListener !== 'function') return NEVER;
    return new Observable<boolean>((subscriber) => {
      const report = (): void => subscriber.next(page.visibilityState !== 'hidden');
      report();
      page.addEventListener('visibilitychange', report);
      return () => page.removeEventListener('visibilitychange', report);
    });
  },
});
