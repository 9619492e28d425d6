// One WebSocket to a community's live timeline. Reconnects on close with exponential
// backoff and full jitter, resuming after the highest seq seen (`?since=`), and pings
// every 30 s so idle proxies keep the connection open.
import { backoffDelay } from "./backoff";
import { type Frame, parseFrames } from "./frames";

export type LiveState = "connecting" | "live" | "reconnecting" | "closed";
export const PING_INTERVAL_MS = 30_000;

/** The part of WebSocket we use (replaceable in tests). */
export interface SocketLike {
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  send(data: string): void;
  close(): void;
  readonly readyState: number;
}

export interface CommunitySocketOptions {
  /** Builds the URL for a connection attempt; `since` is null before anything was seen. */
  url: (since: number | null) => string;
  /** The highest seq seen so far (read before every connection attempt). */
  since: () => number | null;
  onFrames: (frames: Frame[]) => void;
  onState: (state: LiveState) => void;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
}

export class CommunitySocket {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private stopped = true;

  constructor(private readonly opts: CommunitySocketOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.open("connecting");
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.clearPing();
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.onmessage = null;
      s.onerror = null;
      s.onopen = null;
      s.close();
    }
    this.opts.onState("closed");
  }

  /** Drops the current connection and reconnects at once (e.g. when the network comes back). */
  reconnectNow(): void {
    if (this.stopped || this.socket) return;
    clearTimeout(this.retryTimer);
    this.open("reconnecting");
  }

  private open(state: LiveState): void {
    this.opts.onState(state);
    const create = this.opts.createSocket ?? ((url: string) => new WebSocket(url));
    let s: SocketLike;
    try {
      s = create(this.opts.url(this.opts.since()));
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = s;
    s.onmessage = (ev) => {
      const frames = parseFrames(ev.data);
      if (frames.some((f) => f.type === "hello")) {
        this.attempt = 0;
        this.opts.onState("live");
      }
      if (frames.length > 0) this.opts.onFrames(frames);
    };
    s.onopen = () => {
      this.clearPing();
      this.pingTimer = setInterval(() => {
        try {
          s.send('{"type":"ping"}');
        } catch {
          // the close handler reconnects
        }
      }, PING_INTERVAL_MS);
    };
    s.onerror = () => {
      // always followed by close
    };
    s.onclose = () => {
      if (this.socket !== s) return;
      this.socket = null;
      this.clearPing();
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.opts.onState("reconnecting");
    const delay = backoffDelay(this.attempt, this.opts.random);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.open("reconnecting"), delay);
  }

  private clearPing(): void {
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }
}
