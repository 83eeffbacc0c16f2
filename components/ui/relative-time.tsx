/** "3 h ago" / "in 20 min", with the exact time on hover. Rendered on the server. */
/** `now` comes from the data (when it was read), so rendering stays pure. */
export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  const minutes = Math.round(abs / 60_000);
  const text =
    minutes < 1
      ? "now"
      : minutes < 60
        ? `${minutes} min`
        : minutes < 48 * 60
          ? `${Math.round(minutes / 60)} h`
          : `${Math.round(minutes / 1440)} d`;
  return (
    <time dateTime={iso} title={new Date(iso).toUTCString()}>
      {minutes < 1 ? text : diff < 0 ? `${text} ago` : `in ${text}`}
    </time>
  );
}
