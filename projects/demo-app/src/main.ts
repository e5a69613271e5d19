import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { loadDemoConfig, safeLocalStorage } from './app/demo-config';
import { exposeStabilityProbe } from './stability-probe';

// Endpoints are read at run time, so one build can point at any Proofme-compatible server.
loadDemoConfig(window.location, safeLocalStorage(), navigator.languages)
  .then((config) => {
    document.documentElement.lang = config.language;
    return config;
  })
  .then((config) => bootstrapApplication(App, appConfig(config)))
  .then(exposeStabilityProbe)
  .catch((error) => console.error(error));
