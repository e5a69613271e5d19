/** Something the identification layer can close: a host's socket. */
export interface ClosableHost {
  close(code: number, reason: string): void;
}

/** Whether a host may open a channel for an identification; `reason` goes into the close frame. */
export type HostVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * How the signaling flow drives identification statuses (implemented by the REST emulation).
 * The signaling code only calls it; it never knows about the store, HTTP or encryption.
 */
export interface IdentificationLink {
  /** A host asked for `data=id:<identificationId>`. Refused hosts are closed with 1000 right after the upgrade. */
  admitHost(identificationId: string, host: ClosableHost): HostVerdict;
  /** The host of a linked channel left. */
  hostClosed(identificationId: string, host: ClosableHost): void;
  /** A phone joined a linked channel (the identification was scanned). */
  scanned(identificationId: string): void;
  /** The phone reported the outcome on a linked channel. */
  result(identificationId: string, success: boolean, message: string): void;
}
