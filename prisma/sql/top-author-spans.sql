-- ---- The author epoch --------------------------------------------------------------------------
-- An "AuthorSpan" (lib/metrics/author-spans.ts) holds authors' totals over closed days — days
-- before the workspace's local today — and stays valid while those days' author counts do not
-- change. Any write to "MentionAuthorDay" that touches such a day (an edit, a deletion, an
-- erasure, a post arriving late, a rebuild after a time-zone change) moves the workspace's
-- epoch, and spans of an older epoch are built again. Writes to today — the steady stream of
-- new mentions — leave it alone. ("MentionAuthorStat" is always written with the day table.)

CREATE OR REPLACE FUNCTION earshot_author_epoch_bump(ws text[], days date[]) RETURNS void
LANGUAGE sql AS $fn$
  INSERT INTO "AuthorEpoch" AS e ("workspaceId", "epoch")
  SELECT DISTINCT d.ws, 1 FROM unnest(ws, days) AS d(ws, day) JOIN "Workspace" w ON w."id" = d.ws
  WHERE d.day < earshot_local(now() AT TIME ZONE 'UTC', w."timeZone")::date
  ON CONFLICT ("workspaceId") DO UPDATE SET "epoch" = e."epoch" + 1
$fn$;

-- Transition tables exist only for their event, hence a branch per event.
CREATE OR REPLACE FUNCTION earshot_author_epoch_trigger() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM earshot_author_epoch_bump(array_agg(x."workspaceId"), array_agg(x."day"::date)) FROM new_rows x;
  ELSE
    PERFORM earshot_author_epoch_bump(array_agg(x."workspaceId"), array_agg(x."day"::date)) FROM old_rows x;
  END IF;
  RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS earshot_author_epoch_ins ON "MentionAuthorDay";
DROP TRIGGER IF EXISTS earshot_author_epoch_upd ON "MentionAuthorDay";
DROP TRIGGER IF EXISTS earshot_author_epoch_del ON "MentionAuthorDay";
CREATE TRIGGER earshot_author_epoch_ins AFTER INSERT ON "MentionAuthorDay" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION earshot_author_epoch_trigger();
CREATE TRIGGER earshot_author_epoch_upd AFTER UPDATE ON "MentionAuthorDay" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION earshot_author_epoch_trigger();
CREATE TRIGGER earshot_author_epoch_del AFTER DELETE ON "MentionAuthorDay" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION earshot_author_epoch_trigger();

-- A span's totals go with it (in place of a foreign key, see the schema), including when its
-- workspace is deleted.
CREATE OR REPLACE FUNCTION earshot_author_span_gone() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM "AuthorSpanTotal" t USING old_rows o WHERE t."spanId" = o."id";
  RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS earshot_author_span_gone ON "AuthorSpan";
CREATE TRIGGER earshot_author_span_gone AFTER DELETE ON "AuthorSpan" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION earshot_author_span_gone();

-- Whatever spans exist were built from counts this file may not have watched.
DELETE FROM "AuthorSpan";
DELETE FROM "AuthorSpanTotal";
