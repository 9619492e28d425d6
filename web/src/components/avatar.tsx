/** A round avatar; without an image, the first letter of the name on a colour from the id. */
export function Avatar({
  url,
  name,
  seed,
  size = 44,
  alt = "",
}: {
  url: string | null;
  name: string;
  seed: string;
  size?: number;
  alt?: string;
}) {
  const style = { width: `${size}px`, height: `${size}px` };
  if (url) return <img class="avatar" src={url} alt={alt} width={size} height={size} style={style} loading="lazy" />;
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  const initial = [...(name.trim() || "?")][0]?.toUpperCase() ?? "?";
  const initialStyle = { ...style, fontSize: `${Math.round(size * 0.45)}px`, background: `hsl(${hash} 55% 45%)` };
  return alt ? (
    <span class="avatar avatar-initial" role="img" aria-label={alt} style={initialStyle}>
      {initial}
    </span>
  ) : (
    <span class="avatar avatar-initial" aria-hidden="true" style={initialStyle}>
      {initial}
    </span>
  );
}
