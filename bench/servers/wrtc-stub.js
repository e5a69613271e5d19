// A stand-in for @koush/wrtc (native, never built here: installed with --ignore-scripts) so the official
// SignalServerV2 can run its host flow. No WebRTC happens. The phone's `offer` makes the data channel
// "open" (the host gets `clientconnected`), and two bench-only ICE candidates stand in for what would
// travel over the data channel: {bench:'result'} (a data-channel message) and {bench:'leave'} (it closes).
'use strict';
class RTCPeerConnection {
  constructor() {
    this.listeners = {};
    this.channel = null;
    this.iceConnectionState = 'new';
  }
  createDataChannel() {
    return { readyState: 'connecting', send() {} };
  }
  addEventListener(type, listener) {
    (this.listeners[type] = this.listeners[type] || []).push(listener);
  }
  async setRemoteDescription() {
    const channel = {};
    this.channel = channel;
    for (const listener of this.listeners.datachannel || []) listener({ channel });
    if (channel.onopen) await channel.onopen();
  }
  async createAnswer() {
    return { type: 'answer', sdp: '' };
  }
  async setLocalDescription() {}
  async addIceCandidate(candidate) {
    const channel = this.channel;
    if (!channel || !candidate) return;
    if (candidate.bench === 'result' && channel.onmessage) await channel.onmessage({ data: JSON.stringify({ action: 'bench-result' }) });
    if (candidate.bench === 'leave' && channel.onclose) channel.onclose({});
  }
  close() {}
}
class RTCSessionDescription {
  constructor(init) {
    Object.assign(this, init);
  }
}
class RTCIceCandidate {
  constructor(init) {
    Object.assign(this, init);
  }
}
module.exports = { RTCPeerConnection, RTCSessionDescription, RTCIceCandidate };
