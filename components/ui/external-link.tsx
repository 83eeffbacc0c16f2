/** A link to somewhere outside Earshot taken from untrusted data: only http(s), never trusted. */
export function ExternalLink({
  href,
  children,
  className,
}: {
  href: string | null | undefined;
  children: React.ReactNode;
  className?: string;
}) {
  const safe = href && /^https?:\/\//i.test(href) ? href : null;
  if (!safe) return <span className={className}>{children}</span>;
  return (
    <a
      href={safe}
      target="_blank"
      rel="noopener nofollow ugc"
      className={className ?? "text-indigo-700 hover:underline"}
    >
      {children}
    </a>
  );
}
