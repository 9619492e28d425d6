// The signed-in user's stream (GET /api/streaming): notifications and the unread count.
// Messages are JSON arrays of frames; like the community socket it pings every 30 s and
// reconnects with jittered exponential backoff (backoff.ts).
import * as v from "valibot";
import { NotificationSchema } from "../api/notifications";
import { backoffDelay } from "./backoff";
import type { SocketLike } from "./community-socket";

export const STREAM_PING_MS = 30_000;

const StreamFrameSchema = v.variant("type", [
  v.object({ type: v.literal("notification"), notification: NotificationSchema }),
  v.object({ type: v.literal("unread"), count: v.number() }),
]);
export type StreamFrame = v.InferOutput<typeof StreamFrameSchema>;

export function parseStreamFrames(data: unknown): StreamFrame[] {
  if (typeof data !== "string") return [];
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return [];
  }
  const out: StreamFrame[] = [];
  for (const item of Array.isArray(json) ? json : [json]) {
    const parsed = v.safeParse(StreamFrameSchema, item);
    if (parsed.success) out.push(parsed.output);
  }
  return out;
}

export function streamingUrl(loc: Pick<Location, "protocol" | "host"> = location): string {
  return `${loc.protocol === "https:" ? "wss:" : "ws:"}//${loc.host}/api/streaming`;
}

export interface StreamingOptions {
  onFrames: (frames: StreamFrame[]) => void;
  /** Called on every (re)connection, so the caller can refetch what it may have missed. */
  onOpen?: () => void;
  url?: () => string;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
}

export class StreamingSocket {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private stopped = true;

  constructor(private readonly opts: StreamingOptions) {}

  get running(): boolean {
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.onmessage = null;
      s.onopen = null;
      s.onerror = null;
      s.close();
    }
  }

  reconnectNow(): void {
    if (this.stopped || this.socket) return;
    clearTimeout(this.retryTimer);
    this.open();
  }

  private open(): void {
    const create = this.opts.createSocket ?? ((url: string) => new WebSocket(url));
    let s: SocketLike;
    try {
      s = create((this.opts.url ?? streamingUrl)());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = s;
    s.onopen = () => {
      this.attempt = 0;
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => {
        try {
          s.send('{"type":"ping"}');
        } catch {
          // the close handler reconnects
        }
      }, STREAM_PING_MS);
      this.opts.onOpen?.();
    };
    s.onmessage = (ev) => {
      const frames = parseStreamFrames(ev.data);
      if (frames.length > 0) this.opts.onFrames(frames);
    };
    s.onerror = () => {
      // always followed by close
    };
    s.onclose = () => {
      if (this.socket !== s) return;
      this.socket = null;
      clearInterval(this.pingTimer);
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt, this.opts.random);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.open(), delay);
  }
}
