import { Platform } from '@angular/cdk/platform';
import { DOCUMENT } from '@angular/common';
import { Signal, afterNextRender, inject, signal } from '@angular/core';

/**
 * True for a phone or tablet by what the device is, not by a list of browsers: Android, iOS, and
 * iPadOS, which reports itself as a Mac but has a touch screen. No desktop Mac has more than one
 * touch point, and in-app browsers (WKWebView) leave "Safari" out of the UA, so the CDK's `SAFARI`
 * flag would miss them: a "Macintosh" UA with touch is enough.
 */
export function isHandheldDevice(navigator: Pick<Navigator, 'userAgent' | 'maxTouchPoints'>, platform: Pick<Platform, 'ANDROID' | 'IOS'>): boolean {
  const touchMac = /Macintosh/.test(navigator.userAgent) && (navigator.maxTouchPoints ?? 0) > 1;
  return platform.ANDROID || platform.IOS || touchMac;
}

/**
 * True on phones and tablets (see `isHandheldDevice`). Settles after the first render, so server
 * and browser render the same first frame and hydration matches; always false on the server.
 */
export function injectIsHandheld(): Signal<boolean> {
  const platform = inject(Platform);
  const view = inject(DOCUMENT).defaultView;
  const handheld = signal(false);
  afterNextRender(() => {
    if (view) handheld.set(isHandheldDevice(view.navigator, platform));
  });
  return handheld.asReadonly();
}
