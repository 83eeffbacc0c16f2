-- Audit rows are append-only for the application: no UPDATE or DELETE unless the transaction
-- says why with set_config('earshot.audit_write', …, true): 'retention' (the retention job
-- removing old rows), 'erasure' (an erasure redacting a person's data in rows about them) or
-- 'workspace' (a whole workspace deleted, e.g. the demo reset). Applied by
-- lib/db/database-code.ts after the migrations whenever this file changes.
CREATE OR REPLACE FUNCTION earshot_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('earshot.audit_write', true), '') IN ('retention', 'erasure', 'workspace') THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION 'audit rows are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "AuditLog_append_only" ON "AuditLog";
CREATE TRIGGER "AuditLog_append_only" BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION earshot_audit_append_only();
