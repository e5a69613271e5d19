import { InjectionToken } from '@angular/core';
import type { ProofmePreflightCheckName } from 'proofme-ng';

/** The languages the demo offers; the library bundles the same two (PROOFME_LABELS_EN / _NL). */
export type DemoLanguage = 'en' | 'nl';

export const DEMO_LANGUAGES: readonly DemoLanguage[] = ['en', 'nl'];

/** Where the choice is kept between visits (and across the reload a switch makes). */
export const LANGUAGE_STORAGE_KEY = 'proofme-demo.language';

/** The demo's own texts; the library's come from PROOFME_LABELS. Plain strings: never rendered as HTML. */
export interface DemoTexts {
  readonly language: DemoLanguage;
  readonly languageName: string;
  readonly languageSwitch: string;
  readonly tagline: string;
  readonly title: string;
  readonly leadIdle: string;
  /** The lead above a live code, on a desktop (scan) and on a phone (the button is on this device). */
  readonly leadScan: string;
  readonly leadOpen: string;
  /** The lead once the phone has the request, and once the identification is over. */
  readonly leadScanned: string;
  readonly leadDone: string;
  readonly start: string;
  readonly creating: string;
  readonly typedLabel: string;
  readonly use: string;
  readonly startOver: string;
  readonly newIdentification: string;
  readonly backendDown: string;
  readonly identification: string;
  readonly resuming: string;
  readonly preflightDetails: (count: number) => string;
  readonly checkNames: Readonly<Record<ProofmePreflightCheckName, string>>;
  readonly checkStatus: Readonly<Record<'passed' | 'skipped' | 'failed', string>>;
  readonly finishedElsewhere: string;
  readonly resultTitle: string;
  readonly noResult: string;
  readonly verified: string;
  readonly notVerified: string;
  readonly revoked: string;
  readonly outcomeSucceeded: string;
  readonly outcomeFailed: string;
  readonly outcomeRevoked: string;
  readonly summaryWaiting: string;
  readonly summaryName: string;
  readonly summaryAdult: string;
  readonly yes: string;
  readonly no: string;
  readonly summaryNoData: string;
  readonly summaryDecrypted: string;
  readonly summaryUnavailable: string;
  readonly summaryExplain: string;
  readonly phoneTitle: string;
  readonly phoneHint: string;
  readonly phoneGroup: string;
  readonly phoneActions: Readonly<Record<'scan' | 'succeed' | 'fail' | 'leave', string>>;
  readonly phoneSent: (action: string) => string;
  readonly phoneFailed: (action: string) => string;
  readonly restartServer: string;
  readonly restarting: string;
  readonly restartHint: string;
  readonly restarted: string;
  readonly restartFailed: string;
  readonly timelineTitle: string;
  readonly timelineEmpty: string;
  readonly timelineLabel: string;
  readonly footer: string;
}

const EN: DemoTexts = {
  language: 'en',
  languageName: 'English',
  languageSwitch: 'Language',
  tagline: 'Proofme identity verification for Angular: live on this machine, no account needed.',
  title: 'Verify your identity',
  leadIdle: 'Start an identification: the backend creates it, this page shows the QR code and follows your phone.',
  leadScan: 'Scan the code with the Proofme app.',
  leadOpen: 'Open the Proofme app with the button below.',
  leadScanned: 'Continue in the Proofme app.',
  leadDone: 'This identification is over.',
  start: 'Start identification',
  creating: 'Creating…',
  typedLabel: 'Or use an identification id',
  use: 'Use',
  startOver: 'Start over',
  newIdentification: 'Start a new identification',
  backendDown: 'The backend could not create an identification. Is the demo server running?',
  identification: 'Identification',
  resuming: 'Looking up this identification…',
  preflightDetails: (count) => `Checks before start (${count})`,
  checkNames: { websocket: 'Browser connection support', signaling: 'Signaling server', 'my-page': 'Website registration', identification: 'Identification' },
  checkStatus: { passed: 'passed', skipped: 'skipped', failed: 'failed' },
  finishedElsewhere: 'It was finished elsewhere (another tab or device) while this page showed a QR code.',
  resultTitle: 'Result',
  noResult: 'No result yet.',
  verified: 'Identity verified',
  notVerified: 'Not verified',
  revoked: 'Identification cancelled',
  outcomeSucceeded: 'The Proofme app confirmed the identity.',
  outcomeFailed: 'The Proofme app could not confirm the identity.',
  outcomeRevoked: 'The website cancelled this identification.',
  summaryWaiting: "The backend is waiting for Proofme's webhook to fetch and decrypt the data…",
  summaryName: 'Name',
  summaryAdult: 'Over 18',
  yes: 'Yes',
  no: 'No',
  summaryNoData: 'The backend confirms the outcome: there is no personal data to show.',
  summaryDecrypted: "Decrypted by the integrator's backend with its private key; the page only gets this summary.",
  summaryUnavailable: 'The backend has no decrypted data for this identification.',
  summaryExplain: "The integrator's backend fetches the encrypted data with its API key; the page never sees it.",
  phoneTitle: 'Simulate the phone',
  phoneHint: 'Plays the Proofme app against the channel in the QR code, through the same phone simulator the tests use.',
  phoneGroup: 'Simulated phone',
  phoneActions: { scan: 'Scan', succeed: 'Succeed', fail: 'Fail', leave: 'Leave' },
  phoneSent: (action) => `Phone: ${action} sent.`,
  phoneFailed: (action) => `Phone: ${action} did not go through.`,
  restartServer: 'Restart signaling server',
  restarting: 'Server down, restarting…',
  restartHint: 'Stops the signaling server for 3 seconds, then starts it again: watch the page reconnect.',
  restarted: 'The signaling server is back.',
  restartFailed: 'The signaling server could not be restarted.',
  timelineTitle: 'Session timeline',
  timelineEmpty: 'Nothing yet: start an identification.',
  timelineLabel: 'Session events, oldest first',
  footer: 'Signaling server:',
};

const NL: DemoTexts = {
  language: 'nl',
  languageName: 'Nederlands',
  languageSwitch: 'Taal',
  tagline: 'Identiteitsverificatie met Proofme voor Angular: live op deze computer, zonder account.',
  title: 'Bevestig je identiteit',
  leadIdle: 'Start een identificatie: de backend maakt hem aan, deze pagina toont de QR-code en volgt je telefoon.',
  leadScan: 'Scan de code met de Proofme-app.',
  leadOpen: 'Open de Proofme-app met de knop hieronder.',
  leadScanned: 'Ga verder in de Proofme-app.',
  leadDone: 'Deze identificatie is afgerond.',
  start: 'Identificatie starten',
  creating: 'Aanmaken…',
  typedLabel: 'Of gebruik een identificatie-id',
  use: 'Gebruiken',
  startOver: 'Opnieuw beginnen',
  newIdentification: 'Nieuwe identificatie starten',
  backendDown: 'De backend kon geen identificatie aanmaken. Draait de demoserver?',
  identification: 'Identificatie',
  resuming: 'Deze identificatie wordt opgezocht…',
  preflightDetails: (count) => `Controles vooraf (${count})`,
  checkNames: { websocket: 'Verbindingsondersteuning van de browser', signaling: 'Signaleringsserver', 'my-page': 'Registratie van de website', identification: 'Identificatie' },
  checkStatus: { passed: 'geslaagd', skipped: 'overgeslagen', failed: 'mislukt' },
  finishedElsewhere: 'Dat gebeurde elders (in een ander tabblad of op een ander apparaat) terwijl deze pagina een QR-code toonde.',
  resultTitle: 'Resultaat',
  noResult: 'Nog geen resultaat.',
  verified: 'Identiteit bevestigd',
  notVerified: 'Niet bevestigd',
  revoked: 'Identificatie geannuleerd',
  outcomeSucceeded: 'De Proofme-app heeft de identiteit bevestigd.',
  outcomeFailed: 'De Proofme-app kon de identiteit niet bevestigen.',
  outcomeRevoked: 'De website heeft deze identificatie geannuleerd.',
  summaryWaiting: 'De backend wacht op de webhook van Proofme om de gegevens op te halen en te ontsleutelen…',
  summaryName: 'Naam',
  summaryAdult: '18 of ouder',
  yes: 'Ja',
  no: 'Nee',
  summaryNoData: 'De backend bevestigt de uitkomst: er zijn geen persoonsgegevens om te tonen.',
  summaryDecrypted: 'Ontsleuteld door de backend van de integrator met zijn privésleutel; de pagina krijgt alleen deze samenvatting.',
  summaryUnavailable: 'De backend heeft geen ontsleutelde gegevens voor deze identificatie.',
  summaryExplain: 'De backend van de integrator haalt de versleutelde gegevens op met zijn API-sleutel; de pagina ziet ze nooit.',
  phoneTitle: 'Telefoon nabootsen',
  phoneHint: 'Speelt de Proofme-app tegen het kanaal in de QR-code, met dezelfde telefoonsimulator als de tests.',
  phoneGroup: 'Nagebootste telefoon',
  phoneActions: { scan: 'Scannen', succeed: 'Slagen', fail: 'Mislukken', leave: 'Verlaten' },
  phoneSent: (action) => `Telefoon: ${action} verstuurd.`,
  phoneFailed: (action) => `Telefoon: ${action} is niet gelukt.`,
  restartServer: 'Signaleringsserver herstarten',
  restarting: 'Server uit, wordt herstart…',
  restartHint: 'Stopt de signaleringsserver 3 seconden en start hem dan weer: kijk hoe de pagina opnieuw verbindt.',
  restarted: 'De signaleringsserver is terug.',
  restartFailed: 'De signaleringsserver kon niet worden herstart.',
  timelineTitle: 'Tijdlijn van de sessie',
  timelineEmpty: 'Nog niets: start een identificatie.',
  timelineLabel: 'Sessiegebeurtenissen, oudste eerst',
  footer: 'Signaleringsserver:',
};

export const DEMO_TEXTS_BY_LANGUAGE: Readonly<Record<DemoLanguage, DemoTexts>> = { en: EN, nl: NL };

/** The demo's texts in the chosen language. */
export const DEMO_TEXTS = new InjectionToken<DemoTexts>('DEMO_TEXTS', { providedIn: 'root', factory: () => EN });

/**
 * The language to start in: the stored choice, else the browser's first preference when it is Dutch,
 * else English. Storage may be unavailable (privacy modes): then the choice lasts for this page only.
 */
export function initialLanguage(storage: Pick<Storage, 'getItem'> | null, preferred: readonly string[]): DemoLanguage {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  if (stored === 'en' || stored === 'nl') return stored;
  return preferred[0]?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}
