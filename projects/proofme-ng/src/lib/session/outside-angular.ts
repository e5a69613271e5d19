import { NgZone } from '@angular/core';
import { Observable } from 'rxjs';

/** The part of `NgZone` the library uses: a real zone with zone.js, a no-op one in zoneless apps. */
export type ProofmeZone = Pick<NgZone, 'run' | 'runOutsideAngular'>;

/**
 * Subscribes to `source` outside the Angular zone and delivers what it emits inside it. With
 * zone.js, a socket listener or timer inside the zone is pending work: `whenStable()`, and with it
 * hydration, waits for it. The subscriber still runs where change detection follows.
 */
export function outsideAngular<T>(source: Observable<T>, zone: ProofmeZone | null | undefined): Observable<T> {
  if (!zone) return source;
  return new Observable<T>((subscriber) =>
    zone.runOutsideAngular(() =>
      source.subscribe({
        next: (value) => zone.run(() => subscriber.next(value)),
        error: (error) => zone.run(() => subscriber.error(error)),
        complete: () => zone.run(() => subscriber.complete()),
      }),
    ),
  );
}
