-- Service rollups for the dashboards (docs/metrics.md, "Service"): counts per local day
-- ("ServiceStat") and value histograms of first-response and resolution times
-- ("ServiceValueStat"), kept equal to the stored cycles, SLA outcomes and reply facts by the
-- triggers below. lib/metrics/refresh.ts writes those facts (deleted and re-inserted per
-- replayed case; never updated). Applied after metrics.sql (its earshot_local); changing this
-- file rebuilds the service rollups, not the listening ones.

-- Moved here from metrics.sql, with one trigger function instead of one per table and event.
DROP TRIGGER IF EXISTS earshot_service_cycles_ins ON "CaseCycle";
DROP TRIGGER IF EXISTS earshot_service_cycles_del ON "CaseCycle";
DROP TRIGGER IF EXISTS earshot_service_outcomes_ins ON "SlaOutcome";
DROP TRIGGER IF EXISTS earshot_service_outcomes_del ON "SlaOutcome";
DROP TRIGGER IF EXISTS earshot_service_replies_ins ON "ReplyFact";
DROP TRIGGER IF EXISTS earshot_service_replies_del ON "ReplyFact";
DROP TRIGGER IF EXISTS earshot_workspace_zone_service ON "Workspace";
DROP FUNCTION IF EXISTS earshot_service_cycles_trigger();
DROP FUNCTION IF EXISTS earshot_service_cycles_del_trigger();
DROP FUNCTION IF EXISTS earshot_service_outcomes_trigger();
DROP FUNCTION IF EXISTS earshot_service_replies_trigger();
DROP FUNCTION IF EXISTS earshot_service_delta(text, jsonb, int);
DROP FUNCTION IF EXISTS earshot_cycle_events("CaseCycle"[]);
DROP FUNCTION IF EXISTS earshot_outcome_events("SlaOutcome"[]);
DROP FUNCTION IF EXISTS earshot_reply_events("ReplyFact"[]);

-- ---- Counts per local day ----------------------------------------------------------------------

-- Events ({ws, day, kind, brandId, …}) added (sign 1) or removed (sign -1).
CREATE OR REPLACE FUNCTION earshot_service_add(events jsonb, sign int) RETURNS void
LANGUAGE sql AS $fn$
  INSERT INTO "ServiceStat" AS s ("workspaceId", "day", "kind", "brandId", "network", "queueId", "assigneeId", "actorId", "slaPolicyId", "n")
  SELECT x->>'ws', (x->>'day')::date, x->>'kind', coalesce(x->>'brandId', ''), coalesce(x->>'network', ''), coalesce(x->>'queueId', ''), coalesce(x->>'assigneeId', ''),
         coalesce(x->>'actorId', ''), coalesce(x->>'slaPolicyId', ''), sign * count(*)
  FROM jsonb_array_elements(coalesce(events, '[]')) x
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ("workspaceId", "day", "kind", "brandId", "network", "queueId", "assigneeId", "actorId", "slaPolicyId")
  DO UPDATE SET "n" = s."n" + EXCLUDED."n"
$fn$;

-- The counted events of cycles: created (first cycle), opened, closed, solved, awaiting.
CREATE OR REPLACE FUNCTION earshot_cycle_events(cycles "CaseCycle"[]) RETURNS jsonb
LANGUAGE sql STABLE AS $fn$
  SELECT jsonb_agg(jsonb_build_object('ws', c."workspaceId", 'day', earshot_local(e.at, w."timeZone")::date, 'kind', e.kind, 'brandId', c."brandId",
           'network', c."network", 'queueId', c."queueId", 'assigneeId', c."assigneeId", 'actorId', e.actor))
  FROM unnest(cycles) c JOIN "Workspace" w ON w."id" = c."workspaceId"
  CROSS JOIN LATERAL (VALUES
    ('created', CASE WHEN c."index" = 0 THEN c."openedAt" END, NULL),
    ('opened', c."openedAt", NULL),
    ('closed', c."closedAt", NULL),
    ('solved', c."solvedAt", c."solvedById"),
    ('awaiting', CASE WHEN c."closedAt" IS NULL AND c."firstReplyAt" IS NULL THEN c."startedAt" END, NULL)
  ) AS e(kind, at, actor)
  WHERE e.at IS NOT NULL
$fn$;

-- Outcomes: decided ones by the day they were met or breached, running ones by their due day.
CREATE OR REPLACE FUNCTION earshot_outcome_events(outcomes "SlaOutcome"[]) RETURNS jsonb
LANGUAGE sql STABLE AS $fn$
  SELECT jsonb_agg(jsonb_build_object('ws', o."workspaceId", 'day', earshot_local(o."at", w."timeZone")::date,
           'kind', CASE WHEN o."met" THEN 'sla_met:' WHEN o."met" = false THEN 'sla_breached:' ELSE 'sla_running:' END || o."target",
           'brandId', o."brandId", 'network', o."network", 'queueId', o."queueId", 'assigneeId', o."assigneeId", 'slaPolicyId', o."slaPolicyId"))
  FROM unnest(outcomes) o JOIN "Workspace" w ON w."id" = o."workspaceId"
$fn$;

CREATE OR REPLACE FUNCTION earshot_reply_events(replies "ReplyFact"[]) RETURNS jsonb
LANGUAGE sql STABLE AS $fn$
  SELECT jsonb_agg(jsonb_build_object('ws', r."workspaceId", 'day', earshot_local(r."at", w."timeZone")::date, 'kind', 'reply', 'brandId', r."brandId",
           'network', r."network", 'queueId', r."queueId", 'assigneeId', r."assigneeId", 'actorId', r."byId"))
  FROM unnest(replies) r JOIN "Workspace" w ON w."id" = r."workspaceId"
$fn$;

-- ---- Value histograms: exact percentiles without sorting the period ---------------------------
-- The dashboard sums a period's bins, finds the bin holding the rank it wants, then reads that
-- bin's values alone — in order, from the expression indexes below — and takes the value at the
-- remaining offset (lib/metrics/service-values.ts).

-- 1-minute bins below an hour, then 32 bins per doubling (each ~2.2 % wide): a month of values
-- falls in a few hundred bins a day. Monotonic, so a bin's values are contiguous in value order.
-- Indexed below: changing the body means dropping and re-creating those indexes.
CREATE OR REPLACE FUNCTION earshot_value_bin(v double precision) RETURNS int
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT CASE WHEN v < 64 THEN floor(v)::int ELSE 64 + floor(32 * ln(v / 64) / ln(2))::int END
$fn$;

-- Each cycle's four times, for all cases ('') and its brand ('b:…') and network ('n:…') slices.
CREATE OR REPLACE FUNCTION earshot_value_apply(cycles "CaseCycle"[], sign int) RETURNS void
LANGUAGE sql AS $fn$
  INSERT INTO "ServiceValueStat" AS s ("workspaceId", "measure", "slice", "day", "bin", "n")
  SELECT c."workspaceId", v.measure, sl.slice, earshot_local(v.at, w."timeZone")::date, earshot_value_bin(v.value), sign * count(*)
  FROM unnest(cycles) c JOIN "Workspace" w ON w."id" = c."workspaceId"
  CROSS JOIN LATERAL (VALUES
    ('frt', c."firstReplyAt", c."frtMinutes"),
    ('frt_bus', c."firstReplyAt", c."frtBusinessMinutes"),
    ('res', c."solvedAt", c."resolutionMinutes"),
    ('res_bus', c."solvedAt", c."resolutionBusinessMinutes")
  ) AS v(measure, at, value)
  CROSS JOIN LATERAL (VALUES (''), ('b:' || c."brandId"), ('n:' || c."network"::text)) AS sl(slice)
  WHERE v.at IS NOT NULL AND v.value IS NOT NULL AND sl.slice IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT ("workspaceId", "measure", "slice", "day", "bin") DO UPDATE SET "n" = s."n" + EXCLUDED."n"
$fn$;

CREATE INDEX IF NOT EXISTS "CaseCycle_frt_bin_idx" ON "CaseCycle" ("workspaceId", earshot_value_bin("frtMinutes"), "frtMinutes") INCLUDE ("firstReplyAt", "brandId", "network");
CREATE INDEX IF NOT EXISTS "CaseCycle_frt_bus_bin_idx" ON "CaseCycle" ("workspaceId", earshot_value_bin("frtBusinessMinutes"), "frtBusinessMinutes") INCLUDE ("firstReplyAt", "brandId", "network");
CREATE INDEX IF NOT EXISTS "CaseCycle_res_bin_idx" ON "CaseCycle" ("workspaceId", earshot_value_bin("resolutionMinutes"), "resolutionMinutes") INCLUDE ("solvedAt", "brandId", "network");
CREATE INDEX IF NOT EXISTS "CaseCycle_res_bus_bin_idx" ON "CaseCycle" ("workspaceId", earshot_value_bin("resolutionBusinessMinutes"), "resolutionBusinessMinutes") INCLUDE ("solvedAt", "brandId", "network");

-- ---- Triggers ----------------------------------------------------------------------------------

-- One function for the three tables and both events: each trigger names its transition table
-- `changed` (the inserted or the deleted rows); the event gives the sign.
CREATE OR REPLACE FUNCTION earshot_service_stats_trigger() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  sign int := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
  cycles "CaseCycle"[];
BEGIN
  IF TG_TABLE_NAME = 'CaseCycle' THEN
    cycles := ARRAY(SELECT x::"CaseCycle" FROM changed x);
    PERFORM earshot_service_add(earshot_cycle_events(cycles), sign);
    PERFORM earshot_value_apply(cycles, sign);
  ELSIF TG_TABLE_NAME = 'SlaOutcome' THEN
    PERFORM earshot_service_add(earshot_outcome_events(ARRAY(SELECT x::"SlaOutcome" FROM changed x)), sign);
  ELSE
    PERFORM earshot_service_add(earshot_reply_events(ARRAY(SELECT x::"ReplyFact" FROM changed x)), sign);
  END IF;
  RETURN NULL;
END
$fn$;

-- Everything of one workspace from the stored facts (first install, a time-zone change).
CREATE OR REPLACE FUNCTION earshot_rebuild_service_stats(ws text) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  cycles "CaseCycle"[] := ARRAY(SELECT c FROM "CaseCycle" c WHERE c."workspaceId" = ws);
BEGIN
  DELETE FROM "ServiceStat" WHERE "workspaceId" = ws;
  DELETE FROM "ServiceValueStat" WHERE "workspaceId" = ws;
  PERFORM earshot_service_add(earshot_cycle_events(cycles), 1);
  PERFORM earshot_value_apply(cycles, 1);
  PERFORM earshot_service_add(earshot_outcome_events(ARRAY(SELECT o FROM "SlaOutcome" o WHERE o."workspaceId" = ws)), 1);
  PERFORM earshot_service_add(earshot_reply_events(ARRAY(SELECT x FROM "ReplyFact" x WHERE x."workspaceId" = ws)), 1);
END
$fn$;

-- Local days move with the workspace's time zone.
CREATE OR REPLACE FUNCTION earshot_workspace_zone_service_trigger() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW."timeZone" IS DISTINCT FROM OLD."timeZone" THEN PERFORM earshot_rebuild_service_stats(NEW."id"); END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER earshot_service_cycles_ins AFTER INSERT ON "CaseCycle" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION earshot_service_stats_trigger();
CREATE TRIGGER earshot_service_cycles_del AFTER DELETE ON "CaseCycle" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION earshot_service_stats_trigger();
CREATE TRIGGER earshot_service_outcomes_ins AFTER INSERT ON "SlaOutcome" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION earshot_service_stats_trigger();
CREATE TRIGGER earshot_service_outcomes_del AFTER DELETE ON "SlaOutcome" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION earshot_service_stats_trigger();
CREATE TRIGGER earshot_service_replies_ins AFTER INSERT ON "ReplyFact" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION earshot_service_stats_trigger();
CREATE TRIGGER earshot_service_replies_del AFTER DELETE ON "ReplyFact" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION earshot_service_stats_trigger();
CREATE TRIGGER earshot_workspace_zone_service AFTER UPDATE OF "timeZone" ON "Workspace" FOR EACH ROW EXECUTE FUNCTION earshot_workspace_zone_service_trigger();

SELECT earshot_rebuild_service_stats(w."id") FROM "Workspace" w;
