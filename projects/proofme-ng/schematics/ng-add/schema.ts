/** Options of `ng add proofme-ng`; mirrors `schema.json`. */
export interface NgAddOptions {
  /** The application to add proofme-ng to. Defaults to the workspace's only application. */
  project?: string;
  /** The signaling WebSocket (ws: or wss: URL) written into `provideProofme()`. */
  signalingUrl?: string;
  /** Do not run the package manager after adding dependencies. */
  skipInstall?: boolean;
  /** A component (path of its .ts file, or its name) that gets a `<proofme-identification>` snippet. */
  demoComponent?: string;
}
