/**
 * The CDK's `cdk-visually-hidden` rule (src/cdk/a11y/_index.scss), as style properties: on screen
 * nothing, to a screen reader the text. LiveAnnouncer puts its live region at the end of `<body>`,
 * outside any component's (encapsulated) stylesheet, and does not load that rule itself; the CDK's
 * loader for it lives in `@angular/cdk/private`, which is not public API. So the region is styled
 * in place, through the CSSOM: no global stylesheet, and allowed under a `style-src` CSP (unlike a
 * `style` attribute).
 */
const VISUALLY_HIDDEN: Readonly<Record<string, string>> = {
  border: '0',
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: '0',
  position: 'absolute',
  width: '1px',
  'white-space': 'nowrap',
  outline: '0',
  '-webkit-appearance': 'none',
  '-moz-appearance': 'none',
  left: '0',
};

/** The class LiveAnnouncer gives its live region (stable since CDK 2). */
const LIVE_ANNOUNCER_ELEMENT = 'cdk-live-announcer-element';

/** Hides every LiveAnnouncer live region in `document` visually; they stay in the accessibility tree. */
export function hideLiveAnnouncerRegions(document: Document): void {
  for (const element of Array.from(document.getElementsByClassName(LIVE_ANNOUNCER_ELEMENT))) {
    const { style } = element as HTMLElement;
    for (const [property, value] of Object.entries(VISUALLY_HIDDEN)) style.setProperty(property, value);
  }
}
