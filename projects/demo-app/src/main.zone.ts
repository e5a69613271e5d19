// The demo as an app that still loads zone.js (the `zone` build configuration adds it as a
// polyfill): the e2e tests check the library leaves such an app stable while a QR code is shown.
import { provideZoneChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { loadDemoConfig, safeLocalStorage } from './app/demo-config';
import { exposeStabilityProbe } from './stability-probe';

loadDemoConfig(window.location, safeLocalStorage(), navigator.languages)
  .then((config) => {
    document.documentElement.lang = config.language;
    return config;
  })
  .then((config) => bootstrapApplication(App, appConfig(config, provideZoneChangeDetection())))
  .then(exposeStabilityProbe)
  .catch((error) => console.error(error));
