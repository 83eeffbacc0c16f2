-- ---- Terms per local week ----------------------------------------------------------------------
-- "MentionTermWeek" is "MentionTermDay" summed by week (Monday first), kept equal to it by the
-- triggers below whatever writes the days (the queue drain, edits, deletions, rebuilds). The
-- dashboard reads a period's whole weeks here and its edge days from the days
-- (lib/metrics/listening.ts). Its own file so that changing it rebuilds only this table.

CREATE OR REPLACE FUNCTION earshot_term_weeks_add(ws text[], days date[], terms text[], deltas int[]) RETURNS void
LANGUAGE sql AS $fn$
  INSERT INTO "MentionTermWeek" AS s ("workspaceId", "week", "term", "mentions")
  SELECT d.ws, d.day - (extract(isodow FROM d.day)::int - 1), d.term, sum(d.n)
  FROM unnest(ws, days, terms, deltas) AS d(ws, day, term, n)
  GROUP BY 1, 2, 3 HAVING sum(d.n) <> 0
  ON CONFLICT ("workspaceId", "week", "term") DO UPDATE SET "mentions" = s."mentions" + EXCLUDED."mentions"
$fn$;

-- Transition tables exist only for their event, hence a branch per event.
CREATE OR REPLACE FUNCTION earshot_term_weeks_trigger() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM earshot_term_weeks_add(array_agg(x."workspaceId"), array_agg(x."day"::date), array_agg(x."term"), array_agg(x."mentions")) FROM new_rows x;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM earshot_term_weeks_add(array_agg(d.ws), array_agg(d.day), array_agg(d.term), array_agg(d.n)) FROM (
      SELECT x."workspaceId" AS ws, x."day"::date AS day, x."term" AS term, x."mentions" AS n FROM new_rows x
      UNION ALL SELECT x."workspaceId", x."day"::date, x."term", -x."mentions" FROM old_rows x) d;
  ELSE
    PERFORM earshot_term_weeks_add(array_agg(x."workspaceId"), array_agg(x."day"::date), array_agg(x."term"), array_agg(-x."mentions")) FROM old_rows x;
  END IF;
  RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS earshot_term_weeks_ins ON "MentionTermDay";
DROP TRIGGER IF EXISTS earshot_term_weeks_upd ON "MentionTermDay";
DROP TRIGGER IF EXISTS earshot_term_weeks_del ON "MentionTermDay";
CREATE TRIGGER earshot_term_weeks_ins AFTER INSERT ON "MentionTermDay" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION earshot_term_weeks_trigger();
CREATE TRIGGER earshot_term_weeks_upd AFTER UPDATE ON "MentionTermDay" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION earshot_term_weeks_trigger();
CREATE TRIGGER earshot_term_weeks_del AFTER DELETE ON "MentionTermDay" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION earshot_term_weeks_trigger();

-- From the days as they are now.
DELETE FROM "MentionTermWeek";
INSERT INTO "MentionTermWeek" ("workspaceId", "week", "term", "mentions")
SELECT d."workspaceId", d."day"::date - (extract(isodow FROM d."day")::int - 1), d."term", sum(d."mentions") FROM "MentionTermDay" d GROUP BY 1, 2, 3 HAVING sum(d."mentions") <> 0;
