-- Mention rollups for the dashboards (docs/metrics.md), kept exact by statement-level triggers
-- on every write path: the pipeline, agents' sentiment corrections, edits and deletions,
-- erasure, bulk loads. Keys are local time in the workspace's time zone, so a date range or an
-- hour of the week is a plain key range, in every zone (half-hour offsets and DST included).
--
-- Also: terms per local week, and the author epoch that retires the top-author spans of closed
-- days (lib/metrics/author-spans.ts) when a closed day's author counts change.
--
-- Every upsert writes its keys in order (ORDER BY), so concurrent writers of the same rollup
-- rows lock them in one order and wait for each other instead of deadlocking.
--
-- Applied by lib/db/database-code.ts after the migrations whenever this file changes, which
-- also rebuilds every workspace's rollups from the raw rows. The service rollups are in
-- service-stats.sql.

-- Terms of a text, each once: hashtags as written, case-folded ('#delta'), and words of three
-- or more letters outside a stop-word list. Links and @handles are not terms.
CREATE OR REPLACE FUNCTION earshot_terms(body text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT coalesce(array_agg(DISTINCT t), '{}')
  FROM (
    SELECT lower(m[1]) AS t
    FROM regexp_matches(regexp_replace(coalesce(body, ''), '(https?://[^[:space:]]+|@[[:alnum:]_.]+)', ' ', 'gi'), '(#[[:alnum:]_]+|[[:alpha:]]{3,})', 'g') AS m
  ) x
  WHERE left(t, 1) = '#' OR NOT t = ANY ('{the,and,for,you,your,are,was,were,this,that,with,have,has,had,not,but,all,can,just,what,when,will,from,they,them,their,there,our,out,about,been,would,could,should,its,it''s,his,her,she,him,who,how,why,get,got,one,now,yes,too,very,any,than,then,also,into,over,still,more,some,only,did,does,doing,being,after,again,here,which,while,where,these,those,because,amp,http,https,www,com,dont,don,can''t,cant,won,isn,didn,doesn,i''m,you''re,we''re,there''s,that''s,via,like,really,even,much,well,back,way,let,make,need,going,know,see,think,want,today}'::text[])
$fn$;

-- Local time of an instant stored as UTC (Prisma's timestamp(3) columns).
CREATE OR REPLACE FUNCTION earshot_local(at timestamp, tz text) RETURNS timestamp
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT (at AT TIME ZONE 'UTC') AT TIME ZONE tz $fn$;

-- Adds (sign 1) or removes (sign -1) mentions' contributions to the counts by hour. Keys that
-- drop to zero stay (the queries skip them): deleting them would mean scanning for them.
CREATE OR REPLACE FUNCTION earshot_mention_counts_apply(rows "Mention"[], sign int) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  IF coalesce(array_length(rows, 1), 0) = 0 THEN RETURN; END IF;
  INSERT INTO "MentionStat" AS s ("workspaceId", "hour", "brandId", "network", "sentiment", "mentions", "deleted")
  SELECT r."workspaceId", date_trunc('hour', earshot_local(r."postedAt", w."timeZone")), coalesce(r."brandId", ''), r."network",
         coalesce(r."sentiment"::text, ''), sign * count(*), sign * count(*) FILTER (WHERE r."deleted")
  FROM unnest(rows) r JOIN "Workspace" w ON w."id" = r."workspaceId"
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("workspaceId", "hour", "brandId", "network", "sentiment")
  DO UPDATE SET "mentions" = s."mentions" + EXCLUDED."mentions", "deleted" = s."deleted" + EXCLUDED."deleted";

END
$fn$;

-- The same for terms and authors: the expensive part (a regular expression per text, a row per
-- term), run by the queue's drain rather than inside the writer's statement.
CREATE OR REPLACE FUNCTION earshot_mention_terms_apply(rows "Mention"[], sign int) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  IF coalesce(array_length(rows, 1), 0) = 0 THEN RETURN; END IF;
  -- Terms are extracted once; the tables without brand and network take the same deltas.
  WITH delta AS (
    SELECT r."workspaceId", earshot_local(r."postedAt", w."timeZone")::date AS "day", coalesce(r."brandId", '') AS "brandId", r."network", t.term, sign * count(*) AS n
    FROM unnest(rows) r JOIN "Workspace" w ON w."id" = r."workspaceId"
    CROSS JOIN LATERAL unnest(earshot_terms(coalesce(r."title", '') || ' ' || r."text")) AS t(term)
    GROUP BY 1, 2, 3, 4, 5
  ), by_brand AS (
    INSERT INTO "MentionTermStat" AS s ("workspaceId", "day", "brandId", "network", "term", "mentions")
    SELECT "workspaceId", "day", "brandId", "network", term, n FROM delta ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("workspaceId", "day", "brandId", "network", "term") DO UPDATE SET "mentions" = s."mentions" + EXCLUDED."mentions"
  ), by_day AS (
    INSERT INTO "MentionTermDay" AS s ("workspaceId", "day", "term", "mentions")
    SELECT "workspaceId", "day", term, sum(n) FROM delta GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("workspaceId", "day", "term") DO UPDATE SET "mentions" = s."mentions" + EXCLUDED."mentions"
  )
  -- By local week too (Monday first): a period reads its whole weeks here, its edge days above.
  INSERT INTO "MentionTermWeek" AS s ("workspaceId", "week", "term", "mentions")
  SELECT "workspaceId", "day" - (extract(isodow FROM "day")::int - 1), term, sum(n) FROM delta GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("workspaceId", "week", "term") DO UPDATE SET "mentions" = s."mentions" + EXCLUDED."mentions";

  WITH delta AS (
    SELECT r."workspaceId", earshot_local(r."postedAt", w."timeZone")::date AS "day", coalesce(r."brandId", '') AS "brandId", r."network", r."authorId",
           sign * count(*) AS n, max(r."influence") AS top
    FROM unnest(rows) r JOIN "Workspace" w ON w."id" = r."workspaceId"
    WHERE r."authorId" IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
  ), by_brand AS (
    INSERT INTO "MentionAuthorStat" AS s ("workspaceId", "day", "brandId", "network", "authorId", "mentions", "maxInfluence")
    SELECT "workspaceId", "day", "brandId", "network", "authorId", n, CASE WHEN sign > 0 THEN top END FROM delta ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("workspaceId", "day", "brandId", "network", "authorId")
    DO UPDATE SET "mentions" = s."mentions" + EXCLUDED."mentions",
      "maxInfluence" = CASE WHEN sign > 0 THEN greatest(s."maxInfluence", EXCLUDED."maxInfluence") ELSE s."maxInfluence" END
  )
  INSERT INTO "MentionAuthorDay" AS s ("workspaceId", "day", "authorId", "mentions", "maxInfluence")
  SELECT "workspaceId", "day", "authorId", sum(n), CASE WHEN sign > 0 THEN max(top) END FROM delta GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("workspaceId", "day", "authorId")
  DO UPDATE SET "mentions" = s."mentions" + EXCLUDED."mentions",
    "maxInfluence" = CASE WHEN sign > 0 THEN greatest(s."maxInfluence", EXCLUDED."maxInfluence") ELSE s."maxInfluence" END;

  IF sign < 0 THEN
    -- A maximum cannot be decremented: recompute it for the keys that lost mentions.
    UPDATE "MentionAuthorStat" s SET "maxInfluence" = (
      SELECT max(m."influence") FROM "Mention" m JOIN "Workspace" w ON w."id" = m."workspaceId"
      WHERE m."workspaceId" = s."workspaceId" AND m."authorId" = s."authorId" AND m."network" = s."network" AND coalesce(m."brandId", '') = s."brandId"
        AND earshot_local(m."postedAt", w."timeZone")::date = s."day")
    FROM (SELECT DISTINCT r."workspaceId", earshot_local(r."postedAt", w."timeZone")::date AS "day", coalesce(r."brandId", '') AS "brandId", r."network", r."authorId"
          FROM unnest(rows) r JOIN "Workspace" w ON w."id" = r."workspaceId" WHERE r."authorId" IS NOT NULL) k
    WHERE s."workspaceId" = k."workspaceId" AND s."day" = k."day" AND s."brandId" = k."brandId" AND s."network" = k."network" AND s."authorId" = k."authorId";
    UPDATE "MentionAuthorDay" s SET "maxInfluence" = (
      SELECT max(m."influence") FROM "Mention" m JOIN "Workspace" w ON w."id" = m."workspaceId"
      WHERE m."workspaceId" = s."workspaceId" AND m."authorId" = s."authorId" AND earshot_local(m."postedAt", w."timeZone")::date = s."day")
    FROM (SELECT DISTINCT r."workspaceId", earshot_local(r."postedAt", w."timeZone")::date AS "day", r."authorId"
          FROM unnest(rows) r JOIN "Workspace" w ON w."id" = r."workspaceId" WHERE r."authorId" IS NOT NULL) k
    WHERE s."workspaceId" = k."workspaceId" AND s."day" = k."day" AND s."authorId" = k."authorId";
  END IF;

  -- Author counts of a day before today changed (an edit, a deletion, a late post): the spans of
  -- closed days (lib/metrics/author-spans.ts) built before are retired. Today's posts leave them.
  PERFORM earshot_author_epoch_bump(ARRAY(
    SELECT DISTINCT r."workspaceId" FROM unnest(rows) r JOIN "Workspace" w ON w."id" = r."workspaceId"
    WHERE r."authorId" IS NOT NULL AND earshot_local(r."postedAt", w."timeZone")::date < earshot_local(now() AT TIME ZONE 'UTC', w."timeZone")::date));
END
$fn$;

CREATE OR REPLACE FUNCTION earshot_author_epoch_bump(workspaces text[]) RETURNS void
LANGUAGE sql AS $fn$
  INSERT INTO "AuthorEpoch" AS e ("workspaceId", "epoch") SELECT DISTINCT ws, 1 FROM unnest(workspaces) ws ORDER BY 1
  ON CONFLICT ("workspaceId") DO UPDATE SET "epoch" = e."epoch" + 1
$fn$;

-- A span's totals go with it (in place of a foreign key, see the schema), including when its
-- workspace is deleted.
CREATE OR REPLACE FUNCTION earshot_author_span_gone() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM "AuthorSpanTotal" t USING old_rows o WHERE t."spanId" = o."id";
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION earshot_mention_stats_apply(rows "Mention"[], sign int) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM earshot_mention_counts_apply(rows, sign);
  PERFORM earshot_mention_terms_apply(rows, sign);
END
$fn$;

-- Queued mentions' terms and authors into the rollups, up to `max` of them; returns how many.
-- The queue rows go first and the mentions are read locked, so a concurrent edit waits and then
-- sees them applied.
CREATE OR REPLACE FUNCTION earshot_drain_mention_queue(ws text, max int) RETURNS int
LANGUAGE plpgsql AS $fn$
DECLARE
  ids text[];
  chunk "Mention"[];
BEGIN
  WITH taken AS (
    DELETE FROM "MentionStatQueue" q WHERE q."mentionId" IN (
      SELECT "mentionId" FROM "MentionStatQueue" WHERE "workspaceId" = ws ORDER BY "mentionId" LIMIT max FOR UPDATE SKIP LOCKED)
    RETURNING q."mentionId"
  ) SELECT array_agg("mentionId") INTO ids FROM taken;
  IF ids IS NULL THEN RETURN 0; END IF;
  chunk := ARRAY(SELECT m FROM "Mention" m WHERE m."id" = ANY(ids) FOR SHARE);
  PERFORM earshot_mention_terms_apply(chunk, 1);
  RETURN array_length(ids, 1);
END
$fn$;

CREATE OR REPLACE FUNCTION earshot_mention_stats_trigger() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  counted_old "Mention"[];
  counted_new "Mention"[];
  termed_old "Mention"[];
  termed_new "Mention"[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM earshot_mention_counts_apply(ARRAY(SELECT n::"Mention" FROM new_rows n), 1);
    INSERT INTO "MentionStatQueue" ("mentionId", "workspaceId") SELECT n."id", n."workspaceId" FROM new_rows n ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM earshot_mention_counts_apply(ARRAY(SELECT o::"Mention" FROM old_rows o), -1);
    -- Terms and authors only of mentions already applied (not waiting in the queue).
    PERFORM earshot_mention_terms_apply(ARRAY(SELECT o::"Mention" FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM "MentionStatQueue" q WHERE q."mentionId" = o."id")), -1);
    DELETE FROM "MentionStatQueue" q USING old_rows o WHERE q."mentionId" = o."id";
  ELSE
    -- Only rows whose counted properties changed, and each rollup only for its own properties:
    -- a sentiment correction, a re-score or a deletion flag moves the hourly counts, never the
    -- terms and authors (a regular expression per text, and a recomputed maximum per author).
    counted_old := ARRAY(
      SELECT o::"Mention" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
      WHERE (o."postedAt", o."brandId", o."network", o."sentiment", o."deleted", o."workspaceId")
        IS DISTINCT FROM (n."postedAt", n."brandId", n."network", n."sentiment", n."deleted", n."workspaceId"));
    termed_old := ARRAY(
      SELECT o::"Mention" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
      WHERE (o."postedAt", o."brandId", o."network", o."authorId", o."influence", o."text", o."title", o."workspaceId")
        IS DISTINCT FROM (n."postedAt", n."brandId", n."network", n."authorId", n."influence", n."text", n."title", n."workspaceId")
        AND NOT EXISTS (SELECT 1 FROM "MentionStatQueue" q WHERE q."mentionId" = o."id"));
    IF coalesce(array_length(counted_old, 1), 0) > 0 THEN
      counted_new := ARRAY(SELECT n::"Mention" FROM new_rows n WHERE n."id" IN (SELECT (x)."id" FROM unnest(counted_old) x));
      PERFORM earshot_mention_counts_apply(counted_old, -1);
      PERFORM earshot_mention_counts_apply(counted_new, 1);
    END IF;
    IF coalesce(array_length(termed_old, 1), 0) > 0 THEN
      termed_new := ARRAY(SELECT n::"Mention" FROM new_rows n WHERE n."id" IN (SELECT (x)."id" FROM unnest(termed_old) x));
      PERFORM earshot_mention_terms_apply(termed_old, -1);
      PERFORM earshot_mention_terms_apply(termed_new, 1);
    END IF;
  END IF;
  RETURN NULL;
END
$fn$;

-- Per keyword rule. A match's mention gives its time, brand and network.
CREATE OR REPLACE FUNCTION earshot_rule_stats_apply(matches "MentionRuleMatch"[], sign int) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  IF coalesce(array_length(matches, 1), 0) = 0 THEN RETURN; END IF;
  INSERT INTO "MentionRuleStat" AS s ("workspaceId", "hour", "ruleId", "brandId", "network", "mentions")
  SELECT m."workspaceId", date_trunc('hour', earshot_local(m."postedAt", w."timeZone")), x."ruleId", coalesce(m."brandId", ''), m."network", sign * count(*)
  FROM unnest(matches) x JOIN "Mention" m ON m."id" = x."mentionId" JOIN "Workspace" w ON w."id" = m."workspaceId"
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("workspaceId", "hour", "ruleId", "brandId", "network") DO UPDATE SET "mentions" = s."mentions" + EXCLUDED."mentions";
END
$fn$;

CREATE OR REPLACE FUNCTION earshot_rule_stats_trigger() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM earshot_rule_stats_apply(ARRAY(SELECT n::"MentionRuleMatch" FROM new_rows n), 1);
  ELSE
    -- Matches deleted with their mention were already removed by the mention's trigger below
    -- (the join above finds no mention for them any more).
    PERFORM earshot_rule_stats_apply(ARRAY(SELECT o::"MentionRuleMatch" FROM old_rows o), -1);
  END IF;
  RETURN NULL;
END
$fn$;

-- Before a mention is deleted its matches still exist: remove their contributions then.
CREATE OR REPLACE FUNCTION earshot_rule_stats_mention_delete() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM earshot_rule_stats_apply(ARRAY(SELECT x FROM "MentionRuleMatch" x WHERE x."mentionId" = OLD."id"), -1);
  RETURN OLD;
END
$fn$;

-- Everything of one workspace from the raw rows (first install, a time-zone change, a bulk
-- load with the triggers off), in chunks of 20,000 so memory stays flat.
CREATE OR REPLACE FUNCTION earshot_rebuild_mention_stats(ws text) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  chunk "Mention"[];
  matches "MentionRuleMatch"[];
  last_id text := '';
BEGIN
  DELETE FROM "MentionStat" WHERE "workspaceId" = ws;
  DELETE FROM "MentionTermStat" WHERE "workspaceId" = ws;
  DELETE FROM "MentionAuthorStat" WHERE "workspaceId" = ws;
  DELETE FROM "MentionRuleStat" WHERE "workspaceId" = ws;
  DELETE FROM "MentionTermDay" WHERE "workspaceId" = ws;
  DELETE FROM "MentionTermWeek" WHERE "workspaceId" = ws;
  DELETE FROM "MentionAuthorDay" WHERE "workspaceId" = ws;
  DELETE FROM "MentionStatQueue" WHERE "workspaceId" = ws;
  LOOP
    chunk := ARRAY(SELECT m FROM "Mention" m WHERE m."workspaceId" = ws AND m."id" > last_id ORDER BY m."id" LIMIT 20000);
    EXIT WHEN coalesce(array_length(chunk, 1), 0) = 0;
    PERFORM earshot_mention_stats_apply(chunk, 1);
    last_id := chunk[array_length(chunk, 1)]."id";
  END LOOP;
  last_id := '';
  LOOP
    matches := ARRAY(SELECT x FROM "MentionRuleMatch" x WHERE x."workspaceId" = ws AND x."id" > last_id ORDER BY x."id" LIMIT 20000);
    EXIT WHEN coalesce(array_length(matches, 1), 0) = 0;
    PERFORM earshot_rule_stats_apply(matches, 1);
    last_id := matches[array_length(matches, 1)]."id";
  END LOOP;
  -- Days may have moved (a new time zone): no span of the old ones stays.
  PERFORM earshot_author_epoch_bump(ARRAY[ws]);
END
$fn$;

CREATE OR REPLACE FUNCTION earshot_workspace_zone_trigger() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW."timeZone" IS DISTINCT FROM OLD."timeZone" THEN PERFORM earshot_rebuild_mention_stats(NEW."id"); END IF;
  RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS earshot_mention_stats_ins ON "Mention";
DROP TRIGGER IF EXISTS earshot_mention_stats_upd ON "Mention";
DROP TRIGGER IF EXISTS earshot_mention_stats_del ON "Mention";
DROP TRIGGER IF EXISTS earshot_rule_stats_mention_del ON "Mention";
DROP TRIGGER IF EXISTS earshot_rule_stats_ins ON "MentionRuleMatch";
DROP TRIGGER IF EXISTS earshot_rule_stats_del ON "MentionRuleMatch";
DROP TRIGGER IF EXISTS earshot_workspace_zone ON "Workspace";
DROP TRIGGER IF EXISTS earshot_author_span_gone ON "AuthorSpan";

CREATE TRIGGER earshot_mention_stats_ins AFTER INSERT ON "Mention" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION earshot_mention_stats_trigger();
CREATE TRIGGER earshot_mention_stats_upd AFTER UPDATE ON "Mention" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION earshot_mention_stats_trigger();
CREATE TRIGGER earshot_mention_stats_del AFTER DELETE ON "Mention" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION earshot_mention_stats_trigger();
CREATE TRIGGER earshot_rule_stats_mention_del BEFORE DELETE ON "Mention"
  FOR EACH ROW EXECUTE FUNCTION earshot_rule_stats_mention_delete();
CREATE TRIGGER earshot_rule_stats_ins AFTER INSERT ON "MentionRuleMatch" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION earshot_rule_stats_trigger();
CREATE TRIGGER earshot_rule_stats_del AFTER DELETE ON "MentionRuleMatch" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION earshot_rule_stats_trigger();
CREATE TRIGGER earshot_workspace_zone AFTER UPDATE OF "timeZone" ON "Workspace"
  FOR EACH ROW EXECUTE FUNCTION earshot_workspace_zone_trigger();
CREATE TRIGGER earshot_author_span_gone AFTER DELETE ON "AuthorSpan" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION earshot_author_span_gone();

SELECT earshot_rebuild_mention_stats(w."id") FROM "Workspace" w;
