import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { ProofmeIdentification, ProofmeResult, ProofmeService, ProofmeSession, isUuid } from 'proofme-ng';
import { DEMO_CONFIG } from './demo-config';
import { DemoBackend } from './demo-backend';
import { PhonePanel } from './phone-panel/phone-panel';
import { SessionTimeline } from './timeline/session-timeline';

/** The demo page: start an identification, watch it live, see the result. */
@Component({
  selector: 'app-root',
  imports: [ProofmeIdentification, SessionTimeline, PhonePanel],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly config = inject(DEMO_CONFIG);
  private readonly backend = inject(DemoBackend);
  private readonly proofme = inject(ProofmeService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly session = signal<ProofmeSession | null>(null);
  protected readonly identificationId = signal<string | null>(null);
  protected readonly result = signal<ProofmeResult | null>(null);
  protected readonly starting = signal(false);
  protected readonly problem = signal('');
  protected readonly typedId = signal('');
  protected readonly typedIdValid = computed(() => isUuid(this.typedId().trim()));

  /** Asks the backend stand-in for a new identification and starts it. */
  protected start(): void {
    this.starting.set(true);
    this.problem.set('');
    this.backend.createIdentification().subscribe({
      next: (id) => {
        this.starting.set(false);
        this.begin(id);
      },
      error: () => {
        this.starting.set(false);
        this.problem.set('The backend could not create an identification. Is the demo server running?');
      },
    });
  }

  /** Starts the identification whose id was typed in. */
  protected startTyped(event: Event): void {
    event.preventDefault();
    if (this.typedIdValid()) this.begin(this.typedId().trim());
  }

  protected readTypedId(event: Event): void {
    this.typedId.set((event.target as HTMLInputElement).value);
  }

  protected startOver(): void {
    this.session()?.close();
    this.session.set(null);
    this.identificationId.set(null);
    this.result.set(null);
  }

  private begin(identificationId: string): void {
    this.session()?.close();
    this.result.set(null);
    this.identificationId.set(identificationId);
    this.session.set(this.proofme.connect({ identificationId }, { destroyRef: this.destroyRef }));
  }
}
