// Server-side rendering with @angular/platform-server: the components render their placeholders
// and open nothing. Runs in a Node environment, as a real SSR server would.
import '@angular/compiler';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { BootstrapContext, bootstrapApplication } from '@angular/platform-browser';
import { provideServerRendering, renderApplication } from '@angular/platform-server';
import { WebSocketConstructor, provideProofme, withWebSocket } from 'proofme-ng';
import { ProofmeIdentification, ProofmeQr } from 'proofme-ng/components';

@Component({
  selector: 'app-root',
  imports: [ProofmeQr, ProofmeIdentification],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <proofme-qr identificationId="505c0af1-4807-41ed-83ba-d0f0c2571815" [size]="220" />
    <proofme-identification proofmeId="b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3" />
  `,
})
class App {}

describe('server-side rendering', () => {
  it('renders placeholders and opens no socket', async () => {
    const opened: string[] = [];
    const SpySocket = class {
      constructor(url: string) {
        opened.push(url);
      }
    } as unknown as WebSocketConstructor;
    const bootstrap = (context: BootstrapContext) =>
      bootstrapApplication(
        App,
        {
          providers: [
            provideZonelessChangeDetection(),
            provideServerRendering(),
            provideProofme({ signalingUrl: 'ws://127.0.0.1:8787' }, withWebSocket(SpySocket)),
          ],
        },
        context,
      );

    const html = await renderApplication(bootstrap, {
      document: '<!doctype html><html><head></head><body><app-root></app-root></body></html>',
      url: 'http://localhost/',
      allowedHosts: ['localhost'],
    });

    expect(opened).toEqual([]);
    expect(html).toContain('class="proofme-qr__placeholder proofme-qr__placeholder--busy"');
    expect(html.match(/<proofme-qr /g)).toHaveLength(2);
    expect(html).toContain('--proofme-qr-size: 220px');
    expect(html).toContain('aria-label="QR code not available"');
    expect(html).toContain('Preparing a secure connection…');
    expect(html).not.toContain('<qrcode');
    // Nothing browser-only is created on the server, so hydration starts from the same DOM.
    expect(html).not.toContain('cdk-live-announcer');
    expect(html).not.toContain('https://proofme.id/app?p=');
  });
});
