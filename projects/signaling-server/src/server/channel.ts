import type { SignalingSocket } from './signaling-socket';

/**
 * One host's channel. `waiting`: in the registry, a phone may join. `paired`: a phone joined.
 * `finished`: the result went to the host. `retired`: the phone or host left; nothing more happens.
 * Only `waiting` channels are in the registry, so a channel can never be joined twice.
 */
export type ChannelState = 'waiting' | 'paired' | 'finished' | 'retired';

/** A host and (once joined) its phone. A class so every channel shares one hidden class. */
export class Channel {
  state: ChannelState = 'waiting';
  phone: SignalingSocket | null = null;

  constructor(
    readonly id: string,
    readonly host: SignalingSocket,
    /** `Date.now()` at creation: the TTL sweep reads it. */
    readonly createdAt: number,
    /** The REST identification this channel serves (`data=id:<uuid>`), or null. */
    readonly identificationId: string | null = null,
  ) {}
}
