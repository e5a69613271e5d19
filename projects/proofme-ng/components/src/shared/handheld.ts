import { Platform } from '@angular/cdk/platform';
import { DOCUMENT } from '@angular/common';
import { Signal, afterNextRender, inject, signal } from '@angular/core';

/**
 * True on phones and tablets: Android, iOS, and iPadOS (which reports itself as a Mac but has a
 * touch screen). Settles after the first render, so server and browser render the same first
 * frame and hydration matches; always false on the server.
 */
export function injectIsHandheld(): Signal<boolean> {
  const platform = inject(Platform);
  const view = inject(DOCUMENT).defaultView;
  const handheld = signal(false);
  afterNextRender(() => {
    const touchMac = platform.SAFARI && !platform.IOS && (view?.navigator.maxTouchPoints ?? 0) > 1;
    handheld.set(platform.ANDROID || platform.IOS || touchMac);
  });
  return handheld.asReadonly();
}
