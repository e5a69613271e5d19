import { randomUUID } from 'node:crypto';
import { Channel } from './channel';
import type { SignalingSocket } from './signaling-socket';

/**
 * The channels waiting for a phone. A channel leaves it when a phone claims it, its host leaves, or
 * it expires, so the registry only ever holds live, joinable channels (the official server never
 * removes anything). Map iteration follows insertion, i.e. creation time: the TTL sweep stops at
 * the first channel that is still young.
 */
export class ChannelRegistry {
  private readonly waiting = new Map<string, Channel>();

  get size(): number {
    return this.waiting.size;
  }

  /** A new channel for `host`, with a crypto-random UUID v4. */
  open(host: SignalingSocket, now: number, identificationId: string | null = null): Channel {
    const channel = new Channel(randomUUID(), host, now, identificationId);
    this.waiting.set(channel.id, channel);
    return channel;
  }

  /** Takes a waiting channel out for its phone; `undefined` if unknown, expired or taken. */
  claim(channelId: string): Channel | undefined {
    const channel = this.waiting.get(channelId);
    if (channel) this.waiting.delete(channelId);
    return channel;
  }

  /** Forgets a channel whose host left before any phone came. */
  release(channel: Channel): void {
    this.waiting.delete(channel.id);
  }

  /** Removes and returns every channel created at or before `createdBefore`. */
  takeExpired(createdBefore: number): Channel[] {
    const expired: Channel[] = [];
    for (const channel of this.waiting.values()) {
      if (channel.createdAt > createdBefore) break;
      expired.push(channel);
    }
    for (const channel of expired) this.waiting.delete(channel.id);
    return expired;
  }

  /** Every waiting channel (shutdown). */
  clear(): void {
    this.waiting.clear();
  }
}
