import { useEffect, useState } from "preact/hooks";
import { friendsApi, type FriendMap as MapData } from "../../api/friends";
import { t } from "../../i18n";
import { ErrorMessage } from "../error-message";
import { PostSkeletons } from "../skeleton";

type Edge = MapData["edges"][number];
interface Point {
  readonly x: number;
  readonly y: number;
}

const SIZE = 560;
const CENTER = SIZE / 2;
const FRIEND_RING = 150;
const OUTER_RING = 245;

/**
 * Where each node goes: our server in the middle, our friends evenly on an inner ring,
 * and their friends on an outer ring at the mean angle of the friends that link them
 * (spread apart when several land together). Deterministic, so the map does not jump.
 */
export function layout(map: MapData): Map<string, Point> {
  const at = (angle: number, r: number): Point => ({
    x: CENTER + r * Math.cos(angle),
    y: CENTER + r * Math.sin(angle),
  });
  const pos = new Map<string, Point>();
  const angles = new Map<string, number>();
  const self = map.nodes.find((n) => n.kind === "self");
  if (self) pos.set(self.id, { x: CENTER, y: CENTER });
  const friends = map.nodes.filter((n) => n.kind === "friend");
  friends.forEach((n, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(friends.length, 1);
    angles.set(n.id, a);
    pos.set(n.id, at(a, FRIEND_RING));
  });
  const remotes = map.nodes.filter((n) => n.kind === "remote");
  const wanted = remotes.map((n) => {
    const from = map.edges.filter((e) => e.to === n.id).flatMap((e) => angles.get(e.from) ?? []);
    const x = from.reduce((s, a) => s + Math.cos(a), 0);
    const y = from.reduce((s, a) => s + Math.sin(a), 0);
    return { id: n.id, angle: from.length ? Math.atan2(y, x) : 0 };
  });
  wanted.sort((a, b) => a.angle - b.angle);
  const minGap = (2 * Math.PI) / Math.max(wanted.length, 12);
  let last = Number.NEGATIVE_INFINITY;
  for (const w of wanted) {
    const a = Math.max(w.angle, last + minGap);
    pos.set(w.id, at(a, OUTER_RING));
    last = a;
  }
  return pos;
}

function edgeClass(e: Edge): string {
  if (e.state === "known") return "map-edge map-edge-theirs";
  if (e.paused) return "map-edge map-edge-paused";
  if (e.state !== "accepted") return `map-edge map-edge-${e.state}`;
  return `map-edge map-edge-${e.health}`;
}

function edgeTitle(e: Edge): string {
  if (e.state === "known") return t("friendMap.theirLink", { from: e.from, to: e.to });
  const parts = [t(`friends.state.${e.state}`)];
  if (e.paused) parts.push(t("friends.paused"));
  parts.push(t(`friendMap.health.${e.health}`));
  return `${e.from} → ${e.to}: ${parts.join(", ")}`;
}

/** Admin → Friend map: our server, our friends and theirs (as they publish them), with link health. */
export function FriendMap() {
  const [map, setMap] = useState<MapData | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    friendsApi.map().then(setMap, setError);
  }, []);
  if (!map) return error ? <ErrorMessage error={error} /> : <PostSkeletons count={1} />;
  const pos = layout(map);
  const linked = new Set(map.edges.flatMap((e) => (e.from === map.nodes[0]?.id ? [e.to] : [])));
  return (
    <section class="card friend-map" data-testid="friend-map">
      <h2>{t("friendMap.title")}</h2>
      <p class="muted">{t("friendMap.intro")}</p>
      {map.nodes.length <= 1 ? (
        <p class="empty">{t("friends.empty")}</p>
      ) : (
        <svg
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          class="friend-map-svg"
          role="img"
          aria-label={t("friendMap.title")}
          data-testid="friend-map-svg"
        >
          <g>
            {map.edges.map((e) => {
              const a = pos.get(e.from);
              const b = pos.get(e.to);
              if (!a || !b) return null;
              return (
                <line
                  key={`${e.from}>${e.to}`}
                  x1={a.x}
                  y1={a.y}
                  x2={b.x}
                  y2={b.y}
                  class={edgeClass(e)}
                  data-testid="friend-map-edge"
                  data-to={e.to}
                >
                  <title>{edgeTitle(e)}</title>
                </line>
              );
            })}
          </g>
          <g>
            {map.nodes.map((n) => {
              const p = pos.get(n.id);
              if (!p) return null;
              const r = n.kind === "self" ? 14 : n.kind === "friend" ? 10 : 7;
              return (
                <g key={n.id} class={`map-node map-node-${n.kind}`} data-testid="friend-map-node" data-domain={n.id}>
                  <circle cx={p.x} cy={p.y} r={r}>
                    <title>{n.id}</title>
                  </circle>
                  <text x={p.x} y={p.y + r + 13} text-anchor="middle">
                    {n.id}
                  </text>
                </g>
              );
            })}
          </g>
        </svg>
      )}
      <ul class="friend-map-legend" aria-label={t("friendMap.legend")}>
        <li>
          <span class="legend-swatch map-edge-ok" /> {t("friendMap.health.ok")}
        </li>
        <li>
          <span class="legend-swatch map-edge-failing" /> {t("friendMap.health.failing")}
        </li>
        <li>
          <span class="legend-swatch map-edge-down" /> {t("friendMap.health.down")}
        </li>
        <li>
          <span class="legend-swatch map-edge-pending" /> {t("friends.state.pending")}
        </li>
        <li>
          <span class="legend-swatch map-edge-paused" /> {t("friends.paused")}
        </li>
        <li>
          <span class="legend-swatch map-edge-theirs" /> {t("friendMap.theirs")}
        </li>
      </ul>
      <p class="muted" data-testid="friend-map-count">
        {t("friendMap.count", { friends: String(linked.size), servers: String(map.nodes.length - 1) })}
      </p>
    </section>
  );
}
