import { DurableObject } from "cloudflare:workers";
import { type PendingCommunityPost, prepareCommunityPost } from "../../workers/core/communities/publish-community-post";
import { type BucketState, takeToken } from "../../workers/core/communities/rate-limit";
import type { Post } from "../../workers/core/posts/post";
import type { PublishPostInput } from "../../workers/core/posts/prepare-post";
import { attachMedia } from "../../workers/core/posts/publish-post";
import type { DomainError } from "../../workers/core/shared/result";
import { buildDeps, buildDepsWith } from "../../workers/deps";
import { loadConfig } from "../../workers/env";
import { type PostJson, presentOne, presentPosts, viewerNeutral } from "../../workers/http/post-view";
import { eventListeners } from "../../workers/listeners";
import { CommunityCache } from "./community-cache";
import type { Frame, SocketAttachment, StoredFrame } from "./frames";
import { RateMeter } from "./rate-meter";

/** Frames kept in the Durable Object's own storage for resuming clients (never a copy of D1). */
export const WINDOW_SIZE = 500;
/** Posts replayed from D1 when a client is behind the window; beyond this it must resync over HTTP. */
export const D1_REPLAY_MAX = 200;
/** When frames arrive faster than this, they are collected and sent together (Cloudflare advises 50–100 ms). */
export const BATCH_MS = 50;

/** At most this many waiting posts are written in one D1 batch. */
export const GROUP_COMMIT_MAX = 50;

export type PublishResult = { ok: true; post: PostJson } | { ok: false; error: DomainError };

interface PendingCommit {
  readonly pending: PendingCommunityPost;
  readonly origin: string;
  readonly resolve: (result: PublishResult) => void;
}

/**
 * One Durable Object per community (or room), addressed by community id. It owns the
 * live timeline: posting goes through `publish`, which it serialises (so sequence
 * numbers are assigned in order), rate-limits, writes to D1 (the source of truth)
 * and fans out over hibernating WebSockets in batches. `fetch` is only the WebSocket
 * upgrade; the Worker authenticates and authorises before forwarding it.
 */
export class CommunityTimeline extends DurableObject<Env> {
  private lastSeq = 0;
  private seqChecked = false;
  private readonly buckets = new Map<string, BucketState>();
  private readonly meter = new RateMeter();
  private readonly cache = new CommunityCache();
  private queue: Promise<unknown> = Promise.resolve();
  private commits: PendingCommit[] = [];
  private committing = false;
  private pending: StoredFrame[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFlushAt = 0;
  /** The public origin, learnt from the Worker's calls (for media and post URLs in frames). */
  private origin: string | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      const sql = ctx.storage.sql;
      sql.exec(
        "CREATE TABLE IF NOT EXISTS recent (seq INTEGER PRIMARY KEY, frame TEXT NOT NULL, signed_in_only INTEGER NOT NULL)",
      );
      sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'last_seq'").toArray()[0];
      this.lastSeq = row ? Number(row.value) : 0;
    });
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
  }

  /** Ports for this object: D1 stores, with the community reads every post makes served from the cache. */
  private deps() {
    const deps = buildDepsWith(this.env, eventListeners);
    return { ...deps, communities: this.cache.wrap(deps.communities) };
  }

  /** Runs `task` after every earlier serialised task (a mutex; D1 awaits would otherwise interleave). */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Once per activation: D1's last_seq may be ahead if this object's storage was lost; never go backwards. */
  private async ensureSeq(communityId: string): Promise<void> {
    if (this.seqChecked) return;
    const community = await buildDeps(this.env).communities.findById(communityId);
    if (community && community.lastSeq > this.lastSeq) this.lastSeq = community.lastSeq;
    this.seqChecked = true;
  }

  private nextSeq(): number {
    this.lastSeq += 1;
    this.saveSeq();
    return this.lastSeq;
  }

  private saveSeq(): void {
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_seq', ?)", String(this.lastSeq));
  }

  /**
   * Checks run concurrently (they only read, mostly from the cache); posts that pass
   * wait for the group commit, which gives them sequence numbers in order and writes
   * every waiting post to D1 in one batch.
   */
  async publish(req: { communityId: string; authorId: string; origin: string; input: PublishPostInput }): Promise<PublishResult> {
    this.origin = req.origin;
    const deps = this.deps();
    const now = Date.now();
    const prepared = await prepareCommunityPost(deps, req.authorId, req.communityId, req.input, (access) => {
      const slow = access.isModerator ? 0 : access.community.slowModeSeconds;
      const { decision, state } = takeToken(this.buckets.get(req.authorId), now, slow);
      this.buckets.set(req.authorId, state);
      return decision;
    });
    if (!prepared.ok) return { ok: false, error: prepared.error };
    return new Promise<PublishResult>((resolve) => {
      this.commits.push({ pending: prepared.value, origin: req.origin, resolve });
      if (!this.committing) void this.commitLoop(req.communityId);
    });
  }

  private async commitLoop(communityId: string): Promise<void> {
    this.committing = true;
    try {
      await this.serial(async () => {
        await this.ensureSeq(communityId);
        while (this.commits.length > 0) {
          const group = this.commits.splice(0, GROUP_COMMIT_MAX);
          await this.commitGroup(group);
        }
      });
    } finally {
      this.committing = false;
      if (this.commits.length > 0) void this.commitLoop(communityId);
    }
  }

  private async commitGroup(group: PendingCommit[]): Promise<void> {
    const deps = buildDepsWith(this.env, eventListeners);
    const first = this.lastSeq + 1;
    const entries = group.map((c, i) => ({ post: { ...c.pending.post, seq: first + i }, audience: c.pending.audience }));
    let posts: Post[];
    try {
      posts = await deps.posts.insertMany(entries);
    } catch (err) {
      // Nothing was written (the batch is atomic): no sequence numbers are used, every caller may retry.
      console.error("community group commit failed", err);
      for (const c of group)
        c.resolve({ ok: false, error: { code: "unavailable", message: "Could not save the post. Try again." } });
      return;
    }
    this.lastSeq = first + group.length - 1;
    this.saveSeq();
    const now = Date.now();
    // Media checked before the insert is attached now; a post whose media was taken
    // meanwhile is withdrawn (attachMedia soft-deletes it) and its author told.
    const stored: { post: Post; commit: PendingCommit }[] = [];
    for (const [i, post] of posts.entries()) {
      const commit = group[i];
      if (!commit) continue;
      const attached = await attachMedia(deps, post, commit.pending.mediaIds);
      if (!attached.ok) {
        commit.resolve({ ok: false, error: attached.error });
        continue;
      }
      stored.push({ post, commit });
    }
    const presented = await this.presentForAuthors(
      deps,
      stored.map((s) => s.post),
      stored.some((s) => (s.commit.pending.mediaIds?.length ?? 0) > 0),
    );
    for (const { post, commit } of stored) {
      this.meter.record(now);
      const json = presented.get(post.id);
      if (json) this.broadcastPost(post, viewerNeutral(json));
      commit.resolve(json ? { ok: true, post: json } : { ok: false, error: { code: "not_found", message: "Post not found." } });
    }
    // Subscribers (notifications, later federation) run after the group is answered and
    // outside the serial section, so they never hold up the next group's commit.
    this.ctx.waitUntil(
      (async () => {
        for (const { post } of stored) {
          try {
            await deps.events.emit({ type: "post.published", post });
          } catch (err) {
            console.error("post.published subscriber failed", err);
          }
        }
      })(),
    );
  }

  /**
   * Presents a group of new posts in one batched pass. A post that was just written has
   * no reactions, boosts, bookmarks or pins, so the only thing that depends on who looks
   * is whether a quoted post may be shown: posts without a quote are presented once and
   * marked as the author's; a quoting post is presented again for its author. (One pass
   * per author used to cost a set of D1 reads per author inside the serial section.)
   */
  private async presentForAuthors(
    deps: ReturnType<typeof buildDeps>,
    posts: readonly Post[],
    withMedia: boolean,
  ): Promise<Map<string, PostJson>> {
    const origin = this.originOr();
    const neutral = await presentPosts(deps, origin, null, posts, undefined, { fresh: true, withMedia });
    const byId = new Map(neutral.map((j) => [j.id, { ...j, mine: true }]));
    const quoting = posts.filter((p) => p.quoteId);
    const own = await Promise.all(quoting.map((p) => presentOne(deps, origin, p.author.id, p)));
    for (const json of own) if (json) byId.set(json.id, json);
    return byId;
  }

  private originOr(): string {
    return this.origin ?? loadConfig(this.env).origin;
  }

  private broadcastPost(post: Post, json: unknown): void {
    const seq = post.seq ?? this.lastSeq;
    this.enqueue({ seq, frame: { type: "post", seq, post: json }, signedInOnly: post.visibility === "local_only" });
  }

  /** The community's settings or a member's role or mute changed: forget cached rows. */
  async invalidate(accountId?: string): Promise<void> {
    this.cache.invalidate(accountId);
  }

  /** A post of this community was deleted (from the API or a moderator). */
  async postDeleted(communityId: string, postId: string): Promise<void> {
    await this.serial(async () => {
      await this.ensureSeq(communityId);
      const seq = this.nextSeq();
      this.enqueue({ seq, frame: { type: "post.deleted", seq, postId }, signedInOnly: false });
    });
  }

  /** A post of this community was edited: push its new version (viewer-neutral). */
  async postUpdated(communityId: string, postId: string): Promise<void> {
    const deps = buildDeps(this.env);
    const post = await deps.posts.findById(postId);
    if (!post || post.deletedAt || post.communityId !== communityId) return;
    // An edited post may already have reactions and boosts: a full (viewer-neutral) presentation.
    const [json] = await presentPosts(deps, this.originOr(), null, [post]);
    if (!json) return;
    await this.serial(async () => {
      await this.ensureSeq(communityId);
      const seq = this.nextSeq();
      this.enqueue({
        seq,
        frame: { type: "post.updated", seq, post: viewerNeutral(json) },
        signedInOnly: post.visibility === "local_only",
      });
    });
  }

  /** Reactions on a post of this community changed: push its current counts. */
  async reactionsChanged(communityId: string, postId: string, signedInOnly: boolean): Promise<void> {
    const counts = (await buildDeps(this.env).reactions.countsFor([postId])).get(postId) ?? [];
    await this.serial(async () => {
      await this.ensureSeq(communityId);
      const seq = this.nextSeq();
      this.enqueue({ seq, frame: { type: "reactions", seq, postId, reactions: counts.map((r) => ({ ...r })) }, signedInOnly });
    });
  }

  /** Someone joined or left the community; leavers of a members-only community are disconnected. */
  async memberEvent(communityId: string, event: "joined" | "left", accountId: string, membersOnly: boolean): Promise<void> {
    this.cache.invalidate(accountId);
    await this.serial(async () => {
      await this.ensureSeq(communityId);
      const seq = this.nextSeq();
      this.enqueue({ seq, frame: { type: "member", seq, event, accountId }, signedInOnly: membersOnly });
      if (event === "left" && membersOnly) {
        for (const ws of this.ctx.getWebSockets(`account:${accountId}`)) ws.close(4003, "no longer a member");
      }
    });
  }

  async stats(): Promise<{ connections: number; lastSeq: number; postsPerMinute: number }> {
    return {
      connections: this.ctx.getWebSockets().length,
      lastSeq: this.lastSeq,
      postsPerMinute: this.meter.perMinute(Date.now()),
    };
  }

  private enqueue(stored: StoredFrame): void {
    const sql = this.ctx.storage.sql;
    sql.exec(
      "INSERT OR REPLACE INTO recent (seq, frame, signed_in_only) VALUES (?, ?, ?)",
      stored.seq,
      JSON.stringify(stored.frame),
      stored.signedInOnly ? 1 : 0,
    );
    sql.exec("DELETE FROM recent WHERE seq <= ?", stored.seq - WINDOW_SIZE);
    this.pending.push(stored);
    const now = Date.now();
    if (this.flushTimer) return;
    if (now - this.lastFlushAt >= BATCH_MS) this.flush();
    else this.flushTimer = setTimeout(() => this.flush(), BATCH_MS - (now - this.lastFlushAt));
  }

  /** Sends pending frames as one message per socket (two variants: signed-in and anonymous). */
  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.lastFlushAt = Date.now();
    const frames = this.pending;
    this.pending = [];
    if (frames.length === 0) return;
    const all = JSON.stringify(frames.map((f) => f.frame));
    const publicFrames = frames.filter((f) => !f.signedInOnly);
    const anonymous = publicFrames.length === frames.length ? all : JSON.stringify(publicFrames.map((f) => f.frame));
    for (const ws of this.ctx.getWebSockets()) {
      const att = ws.deserializeAttachment() as SocketAttachment | null;
      const message = att?.accountId ? all : anonymous;
      if (message === "[]") continue;
      try {
        ws.send(message);
      } catch {
        // A socket that closed mid-broadcast is cleaned up by the runtime.
      }
    }
  }

  /** WebSocket upgrade, forwarded by the Worker after it checked the session and read access. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return new Response("expected a WebSocket upgrade", { status: 426 });
    const communityId = request.headers.get("x-community-id");
    const origin = request.headers.get("x-origin") ?? this.originOr();
    this.origin = origin;
    if (!communityId) return new Response("missing community", { status: 400 });
    const accountId = request.headers.get("x-viewer-id") || null;
    const since = Number(new URL(request.url).searchParams.get("since") ?? "NaN");
    // Frames still waiting for their batch belong to the sockets already connected;
    // send them now so the newcomer gets them once, through the replay below.
    this.flush();
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, accountId ? [`account:${accountId}`] : ["anonymous"]);
    server.serializeAttachment({ accountId, communityId } satisfies SocketAttachment);
    await this.ensureSeq(communityId);
    const hello: Frame = { type: "hello", communityId, lastSeq: this.lastSeq, postsPerMinute: this.meter.perMinute(Date.now()) };
    const replay =
      Number.isInteger(since) && since >= 0 ? await this.replay(communityId, since, accountId !== null, origin, accountId) : [];
    server.send(JSON.stringify([hello, ...replay]));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Everything after `since`: from the recent window, or from D1 when the client is further behind. */
  private async replay(
    communityId: string,
    since: number,
    signedIn: boolean,
    origin: string,
    viewer: string | null,
  ): Promise<Frame[]> {
    if (since >= this.lastSeq) return [];
    const sql = this.ctx.storage.sql;
    const oldest = sql.exec<{ seq: number | null }>("SELECT MIN(seq) AS seq FROM recent").toArray()[0]?.seq ?? null;
    const fromWindow = () =>
      sql
        .exec<{ frame: string; signed_in_only: number }>(
          "SELECT frame, signed_in_only FROM recent WHERE seq > ? ORDER BY seq",
          since,
        )
        .toArray()
        .filter((r) => signedIn || r.signed_in_only === 0)
        .map((r) => JSON.parse(r.frame) as Frame);
    if (oldest !== null && since >= oldest - 1) return fromWindow();
    // Behind the window (or the window was lost): replay posts from D1, the source of truth.
    const posts = await buildDeps(this.env).posts.communityPostsSince(communityId, since, D1_REPLAY_MAX + 1);
    if (posts.length > D1_REPLAY_MAX) return [{ type: "resync", lastSeq: this.lastSeq }];
    const visible = posts.filter((p) => signedIn || p.visibility !== "local_only");
    const presented = await presentPosts(
      buildDeps(this.env),
      origin,
      viewer,
      visible.filter((p) => !p.deletedAt),
    );
    const byId = new Map(presented.map((j) => [j.id, j]));
    const frames: Frame[] = visible.flatMap((p): Frame[] => {
      const seq = p.seq ?? 0;
      if (p.deletedAt) return [{ type: "post.deleted", seq, postId: p.id }];
      const json = byId.get(p.id);
      return json ? [{ type: "post", seq, post: json }] : [];
    });
    const lastReplayed = posts.at(-1)?.seq ?? since;
    const newer = oldest !== null ? fromWindow().filter((f) => "seq" in f && f.seq > lastReplayed) : [];
    return [...frames, ...newer];
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Clients only ping (answered by the auto-response without waking us); anything else is ignored.
    if (typeof message === "string" && message.length < 256 && message.includes('"rate"')) {
      ws.send(JSON.stringify([{ type: "rate", postsPerMinute: this.meter.perMinute(Date.now()) } satisfies Frame]));
    }
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, "closing");
    } catch {
      // already closed
    }
  }
}
