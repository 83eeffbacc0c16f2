-- ---- Value histograms of first-response and resolution times ---------------------------------
-- Exact percentiles without sorting the period (docs/metrics.md, "How the figures are stored"):
-- "ServiceValueStat" counts the cycles' times per local day and value bin; the dashboard finds
-- the bin holding the rank it wants, then reads that bin's values alone — in order, from the
-- expression indexes below — and takes the value at the remaining offset. Kept by triggers on
-- "CaseCycle" (cycles are only ever inserted and deleted, lib/metrics/refresh.ts).
-- Its own file so that changing it does not rebuild the listening rollups (metrics.sql).

-- 1-minute bins below an hour, then 32 bins per doubling (each ~2.2 % wide): a month of values
-- falls in a few hundred bins a day. Monotonic, so a bin's values are contiguous in value order.
-- Indexed below: changing the body means dropping and re-creating those indexes (and the
-- rebuild at the end of this file does the rest).
CREATE OR REPLACE FUNCTION earshot_value_bin(v double precision) RETURNS int
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT CASE WHEN v < 64 THEN floor(v)::int ELSE 64 + floor(32 * ln(v / 64) / ln(2))::int END
$fn$;

-- One row per cycle, measure and slice: '' (all cases), 'b:<brand>' and 'n:<network>'.
CREATE OR REPLACE FUNCTION earshot_value_events(cycles "CaseCycle"[])
RETURNS TABLE (ws text, measure text, slice text, day date, bin int)
LANGUAGE sql STABLE AS $fn$
  SELECT c."workspaceId", v.measure, s.slice, earshot_local(v.at, w."timeZone")::date, earshot_value_bin(v.value)
  FROM unnest(cycles) c JOIN "Workspace" w ON w."id" = c."workspaceId"
  CROSS JOIN LATERAL (VALUES
    ('frt', c."firstReplyAt", c."frtMinutes"),
    ('frt_bus', c."firstReplyAt", c."frtBusinessMinutes"),
    ('res', c."solvedAt", c."resolutionMinutes"),
    ('res_bus', c."solvedAt", c."resolutionBusinessMinutes")
  ) AS v(measure, at, value)
  CROSS JOIN LATERAL (VALUES (''), ('b:' || c."brandId"), ('n:' || c."network"::text)) AS s(slice)
  WHERE v.at IS NOT NULL AND v.value IS NOT NULL AND s.slice IS NOT NULL
$fn$;

CREATE OR REPLACE FUNCTION earshot_value_apply(cycles "CaseCycle"[], sign int) RETURNS void
LANGUAGE sql AS $fn$
  INSERT INTO "ServiceValueStat" AS s ("workspaceId", "measure", "slice", "day", "bin", "n")
  SELECT e.ws, e.measure, e.slice, e.day, e.bin, sign * count(*) FROM earshot_value_events(cycles) e GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT ("workspaceId", "measure", "slice", "day", "bin") DO UPDATE SET "n" = s."n" + EXCLUDED."n"
$fn$;

CREATE OR REPLACE FUNCTION earshot_service_values_trigger() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM earshot_value_apply(ARRAY(SELECT x::"CaseCycle" FROM new_rows x), 1);
  ELSE
    PERFORM earshot_value_apply(ARRAY(SELECT x::"CaseCycle" FROM old_rows x), -1);
  END IF;
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION earshot_rebuild_service_values(ws text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM "ServiceValueStat" WHERE "workspaceId" = ws;
  PERFORM earshot_value_apply(ARRAY(SELECT c FROM "CaseCycle" c WHERE c."workspaceId" = ws), 1);
END
$fn$;

-- Local days move with the workspace's time zone.
CREATE OR REPLACE FUNCTION earshot_workspace_zone_values_trigger() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW."timeZone" IS DISTINCT FROM OLD."timeZone" THEN
    PERFORM earshot_rebuild_service_values(NEW."id");
  END IF;
  RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS earshot_service_values_ins ON "CaseCycle";
DROP TRIGGER IF EXISTS earshot_service_values_del ON "CaseCycle";
DROP TRIGGER IF EXISTS earshot_workspace_zone_values ON "Workspace";
CREATE TRIGGER earshot_service_values_ins AFTER INSERT ON "CaseCycle" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION earshot_service_values_trigger();
CREATE TRIGGER earshot_service_values_del AFTER DELETE ON "CaseCycle" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION earshot_service_values_trigger();
CREATE TRIGGER earshot_workspace_zone_values AFTER UPDATE OF "timeZone" ON "Workspace" FOR EACH ROW EXECUTE FUNCTION earshot_workspace_zone_values_trigger();

-- A bin's values in order, with what the period and slice filters read (index-only).
CREATE INDEX IF NOT EXISTS "CaseCycle_frt_bin_idx" ON "CaseCycle" ("workspaceId", earshot_value_bin("frtMinutes"), "frtMinutes") INCLUDE ("firstReplyAt", "brandId", "network");
CREATE INDEX IF NOT EXISTS "CaseCycle_frt_bus_bin_idx" ON "CaseCycle" ("workspaceId", earshot_value_bin("frtBusinessMinutes"), "frtBusinessMinutes") INCLUDE ("firstReplyAt", "brandId", "network");
CREATE INDEX IF NOT EXISTS "CaseCycle_res_bin_idx" ON "CaseCycle" ("workspaceId", earshot_value_bin("resolutionMinutes"), "resolutionMinutes") INCLUDE ("solvedAt", "brandId", "network");
CREATE INDEX IF NOT EXISTS "CaseCycle_res_bus_bin_idx" ON "CaseCycle" ("workspaceId", earshot_value_bin("resolutionBusinessMinutes"), "resolutionBusinessMinutes") INCLUDE ("solvedAt", "brandId", "network");

SELECT earshot_rebuild_service_values(w."id") FROM "Workspace" w;
