import type { ProofmeLabels } from './proofme-labels';

/** Dutch texts: `provideProofme(config, withLabels(PROOFME_LABELS_NL))`. */
export const PROOFME_LABELS_NL: ProofmeLabels = {
  status: {
    connecting: 'Beveiligde verbinding wordt voorbereid…',
    ready: 'Scan de QR-code met de Proofme-app.',
    scanned: 'QR-code gescand. Ga verder op je telefoon.',
    succeeded: 'Identificatie geslaagd.',
    failed: 'Identificatie mislukt.',
    'phone-left': 'De telefoon is losgekoppeld. Vraag een nieuwe QR-code aan om het opnieuw te proberen.',
    expired: 'Deze QR-code is verlopen. Vraag een nieuwe aan om verder te gaan.',
    reconnecting: 'Verbinding verbroken. Opnieuw verbinden…',
    closed: 'Deze identificatie is gesloten.',
    error: 'De identificatiedienst is niet bereikbaar.',
  },
  qrCode: 'QR-code om te scannen met de Proofme-app',
  qrPlaceholder: 'QR-code niet beschikbaar',
  continueOnPhone: 'Ga verder op je telefoon',
  refresh: 'Nieuwe QR-code',
  retry: 'Opnieuw proberen',
  openInApp: 'Openen in de Proofme-app',
};
