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
    offline: 'You are offline. The QR code comes back when the connection does.',
    reconnecting: 'Connection lost. Reconnecting…',
    closed: 'This identification was closed.',
    error: 'Could not reach the identification service.',
  },
  errors: {
    PROOFME_SIGNAL_SERVER_REFUSED: 'The identification service gave an address this page does not trust.',
    PROOFME_DEEPLINK_TOO_LONG: 'The identification service gave an address too long for a QR code.',
  },
  qrCode: 'QR code to scan with the Proofme app',
  qrPlaceholder: 'QR code not available',
  continueOnPhone: 'Continue on your phone',
  refresh: 'New QR code',
  retry: 'Try again',
  openInApp: 'Open in the Proofme app',
  handheld: {
    ready: 'Open the Proofme app to continue.',
    scanned: 'Continue in the Proofme app.',
    'phone-left': 'The Proofme app disconnected. Try again to continue.',
    expired: 'This link has expired. Try again to continue.',
    offline: 'You are offline. This continues when the connection is back.',
  },
  titles: {
    scanned: 'Scanned',
    succeeded: 'Done',
    failed: 'Not completed',
    'phone-left': 'Disconnected',
    expired: 'Expired',
    offline: 'Offline',
    reconnecting: 'Reconnecting',
    error: 'Unavailable',
  },
  validFor: 'Code valid for {time}',
  retryIn: 'Trying again in {time}',
  retryNow: 'Retry now',
  preflight: {
    checking: 'Checking that everything is ready…',
    title: 'This identification cannot start',
    retry: 'Check again',
    failures: {
      PROOFME_UNSUPPORTED: {
        message: 'This browser cannot open the secure connection the identification needs.',
        instructions: 'Update your browser, or open this page in a current Chrome, Firefox, Safari or Edge.',
      },
      PROOFME_INVALID_TARGET: {
        message: 'This page was given an identification that is not valid.',
        instructions: 'Start again from the website that sent you here.',
      },
      PROOFME_HANDSHAKE_REFUSED: {
        message: 'The identification service cannot be reached from this page.',
        instructions:
          "Check your internet connection and try again. Site owner: allow this page's address in the Proofme dashboard under My page > Custom page.",
      },
      PROOFME_CONNECT_TIMEOUT: {
        message: 'The identification service did not respond in time.',
        instructions: 'Check your internet connection and try again in a moment.',
      },
      PROOFME_HOST_REFUSED: {
        message: 'The identification service refused to start this identification.',
        instructions: 'Start a new identification from the website that sent you here.',
      },
      PROOFME_SIGNAL_SERVER_REFUSED: {
        message: 'The identification service gave an address this page does not trust.',
        instructions: 'Site owner: check signalingUrl and allowedSignalServers in provideProofme().',
      },
      PROOFME_DEEPLINK_TOO_LONG: {
        message: 'The identification service gave an address too long for a QR code.',
        instructions: 'Site owner: use a shorter signal server address or deeplinkBase, or a lower qrErrorCorrectionLevel in provideProofme().',
      },
      PROOFME_API_UNREACHABLE: {
        message: 'The Proofme service cannot be reached.',
        instructions: 'Check your internet connection and try again.',
      },
      PROOFME_MY_PAGE_NOT_FOUND: {
        message: 'This website is not set up for Proofme identification.',
        instructions: "Site owner: add this page's address to My page in the Proofme dashboard.",
      },
      IDENTIFICATION_NOT_FOUND: {
        message: 'This identification does not exist.',
        instructions: 'Start a new identification from the website that sent you here.',
      },
      IDENTIFICATION_WRONG_ORGANISATION: {
        message: 'This identification belongs to another organisation.',
        instructions: 'Use the identification link this website gave you.',
      },
      IDENTIFICATION_ALREADY_FINISHED: {
        message: 'This identification has already been completed.',
        instructions: 'There is nothing more to do here. To identify again, start a new identification.',
      },
    },
  },
};
