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
    offline: 'Je bent offline. De QR-code komt terug zodra de verbinding er weer is.',
    reconnecting: 'Verbinding verbroken. Opnieuw verbinden…',
    closed: 'Deze identificatie is gesloten.',
    error: 'De identificatiedienst is niet bereikbaar.',
  },
  errors: {
    PROOFME_SIGNAL_SERVER_REFUSED: 'De identificatiedienst gaf een adres dat deze pagina niet vertrouwt.',
    PROOFME_DEEPLINK_TOO_LONG: 'De identificatiedienst gaf een adres dat te lang is voor een QR-code.',
  },
  qrCode: 'QR-code om te scannen met de Proofme-app',
  qrPlaceholder: 'QR-code niet beschikbaar',
  continueOnPhone: 'Ga verder op je telefoon',
  refresh: 'Nieuwe QR-code',
  retry: 'Opnieuw proberen',
  openInApp: 'Openen in de Proofme-app',
  handheld: {
    ready: 'Open de Proofme-app om verder te gaan.',
    scanned: 'Ga verder in de Proofme-app.',
    'phone-left': 'De Proofme-app is losgekoppeld. Probeer het opnieuw om verder te gaan.',
    expired: 'Deze link is verlopen. Probeer het opnieuw om verder te gaan.',
    offline: 'Je bent offline. Dit gaat verder zodra de verbinding er weer is.',
  },
  titles: {
    scanned: 'Gescand',
    succeeded: 'Klaar',
    failed: 'Niet gelukt',
    'phone-left': 'Losgekoppeld',
    expired: 'Verlopen',
    offline: 'Offline',
    reconnecting: 'Opnieuw verbinden',
    error: 'Niet bereikbaar',
  },
  validFor: 'Code geldig voor {time}',
  retryIn: 'Nieuwe poging over {time}',
  retryNow: 'Nu opnieuw proberen',
  preflight: {
    checking: 'Controleren of alles klaarstaat…',
    title: 'Deze identificatie kan niet starten',
    retry: 'Opnieuw controleren',
    failures: {
      PROOFME_UNSUPPORTED: {
        message: 'Deze browser kan de beveiligde verbinding voor de identificatie niet openen.',
        instructions: 'Werk je browser bij, of open deze pagina in een recente Chrome, Firefox, Safari of Edge.',
      },
      PROOFME_INVALID_TARGET: {
        message: 'Deze pagina kreeg een ongeldige identificatie.',
        instructions: 'Begin opnieuw vanaf de website die je hierheen stuurde.',
      },
      PROOFME_HANDSHAKE_REFUSED: {
        message: 'De identificatiedienst is vanaf deze pagina niet bereikbaar.',
        instructions:
          'Controleer je internetverbinding en probeer het opnieuw. Beheerder: sta het adres van deze pagina toe in het Proofme-dashboard onder My page > Custom page.',
      },
      PROOFME_CONNECT_TIMEOUT: {
        message: 'De identificatiedienst reageerde niet op tijd.',
        instructions: 'Controleer je internetverbinding en probeer het zo opnieuw.',
      },
      PROOFME_HOST_REFUSED: {
        message: 'De identificatiedienst weigerde deze identificatie te starten.',
        instructions: 'Start een nieuwe identificatie vanaf de website die je hierheen stuurde.',
      },
      PROOFME_SIGNAL_SERVER_REFUSED: {
        message: 'De identificatiedienst gaf een adres dat deze pagina niet vertrouwt.',
        instructions: 'Beheerder: controleer signalingUrl en allowedSignalServers in provideProofme().',
      },
      PROOFME_DEEPLINK_TOO_LONG: {
        message: 'De identificatiedienst gaf een adres dat te lang is voor een QR-code.',
        instructions: 'Beheerder: gebruik een korter adres voor de signal server of deeplinkBase, of een lager qrErrorCorrectionLevel in provideProofme().',
      },
      PROOFME_API_UNREACHABLE: {
        message: 'De Proofme-dienst is niet bereikbaar.',
        instructions: 'Controleer je internetverbinding en probeer het opnieuw.',
      },
      PROOFME_MY_PAGE_NOT_FOUND: {
        message: 'Deze website is niet ingesteld voor identificatie met Proofme.',
        instructions: 'Beheerder: voeg het adres van deze pagina toe aan My page in het Proofme-dashboard.',
      },
      IDENTIFICATION_NOT_FOUND: {
        message: 'Deze identificatie bestaat niet.',
        instructions: 'Start een nieuwe identificatie vanaf de website die je hierheen stuurde.',
      },
      IDENTIFICATION_WRONG_ORGANISATION: {
        message: 'Deze identificatie hoort bij een andere organisatie.',
        instructions: 'Gebruik de identificatielink die deze website je gaf.',
      },
      IDENTIFICATION_ALREADY_FINISHED: {
        message: 'Deze identificatie is al afgerond.',
        instructions: 'Je hoeft hier niets meer te doen. Wil je opnieuw identificeren, start dan een nieuwe identificatie.',
      },
    },
  },
};
