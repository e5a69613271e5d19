// Server-side rendering of an app that loads zone.js (provideZoneChangeDetection()): the render
// waits for the app to be stable, so it must finish, and the components render their placeholders.
// This file alone loads zone.js; Jest gives each test file its own globals.
import 'zone.js/node';
import '@angular/compiler';
import { ChangeDetectionStrategy, Component, provideZoneChangeDetection } from '@angular/core';
import { provideHttpClient, withFetch } from '@angular/common/http';
import { BootstrapContext, bootstrapApplication } from '@angular/platform-browser';
import { provideServerRendering, renderApplication } from '@angular/platform-server';
import { WebSocketConstructor, provideProofme, withPreflight, withWebSocket } from 'proofme-ng';
import { ProofmeIdentification, ProofmeQr } from 'proofme-ng/components';

@Component({
  selector: 'app-root',
  imports: [ProofmeQr, ProofmeIdentification],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <proofme-qr identificationId="505c0af1-4807-41ed-83ba-d0f0c2571815" />
    <proofme-identification proofmeId="b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3" />
  `,
})
class App {}

describe('server-side rendering with zone.js', () => {
  it('renders placeholders, opens no socket and logs no error', async () => {
    const opened: string[] = [];
    const SpySocket = class {
      constructor(url: string) {
        opened.push(url);
      }
    } as unknown as WebSocketConstructor;
    const errors = jest.spyOn(console, 'error');
    const warnings = jest.spyOn(console, 'warn');
    const bootstrap = (context: BootstrapContext) =>
      bootstrapApplication(
        App,
        {
          providers: [
            provideZoneChangeDetection(),
            provideServerRendering(),
            provideHttpClient(withFetch()),
            provideProofme({ signalingUrl: 'ws://127.0.0.1:8787' }, withWebSocket(SpySocket), withPreflight()),
          ],
        },
        context,
      );

    const html = await renderApplication(bootstrap, {
      document: '<!doctype html><html><head></head><body><app-root></app-root></body></html>',
      url: 'http://localhost/',
      allowedHosts: ['localhost'],
    });

    expect((globalThis as { Zone?: unknown }).Zone).toBeDefined();
    expect(opened).toEqual([]);
    expect(html.match(/<proofme-qr /g)).toHaveLength(2);
    expect(html).toContain('class="proofme-qr__placeholder proofme-qr__placeholder--busy"');
    expect(errors).not.toHaveBeenCalled();
    expect(warnings.mock.calls.flat().join('\n')).not.toMatch(/NG0\d+/);
  });
});
