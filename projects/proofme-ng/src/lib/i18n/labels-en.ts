import type { ProofmeLabels } from './proofme-labels';

/** English texts (the default). */
export const PROOFME_LABELS_EN: ProofmeLabels = {
  status: {
    connecting: 'Preparing a secure connection…',
    ready: 'Scan the QR code with the Proofme app.',
    scanned: 'QR code scanned. Continue on your phone.',
    succeeded: 'Identification successful.',
    failed: 'Identification failed.',
    'phone-left': 'The phone disconnected. Get a new QR code to try again.',
    expired: 'This QR code has expired. Get a new one to continue.',
    reconnecting: 'Connection lost. Reconnecting…',
    closed: 'This identification was closed.',
    error: 'Could not reach the identification service.',
  },
  qrCode: 'QR code to scan with the Proofme app',
  qrPlaceholder: 'QR code not available',
  continueOnPhone: 'Continue on your phone',
  refresh: 'New QR code',
  retry: 'Try again',
  openInApp: 'Open in the Proofme app',
};
