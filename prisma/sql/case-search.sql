-- Cases' search vector, database code on the ingestion path (docs/inbox.md): "Case"."searchVector" is
-- to_tsvector('simple', "searchText"), kept by this trigger (it was a generated column, which
-- recomputed the whole text, up to 20,000 characters, every time a mention joined a case and
-- appended its text). An append (the text starts with the old one and goes on after a space)
-- adds only the new words: tsvector concatenation offsets the new positions by the old last
-- one, as a full computation numbers them (the same lexemes and positions; only markup-like
-- text, `<…>` spanning the old end, would be read apart); any other change recomputes it whole.
CREATE OR REPLACE FUNCTION earshot_case_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  old_length int;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."searchVector" IS NOT NULL THEN
    IF NEW."searchText" = OLD."searchText" THEN
      NEW."searchVector" := OLD."searchVector";
      RETURN NEW;
    END IF;
    old_length := length(OLD."searchText");
    IF old_length > 0 AND starts_with(NEW."searchText", OLD."searchText") AND substr(NEW."searchText", old_length + 1, 1) IN (' ', E'\n', E'\t', E'\r') THEN
      NEW."searchVector" := OLD."searchVector" || to_tsvector('simple', substr(NEW."searchText", old_length + 1));
      RETURN NEW;
    END IF;
  END IF;
  NEW."searchVector" := to_tsvector('simple', NEW."searchText");
  RETURN NEW;
END
$fn$;

DROP TRIGGER IF EXISTS earshot_case_search_vector ON "Case";
CREATE TRIGGER earshot_case_search_vector BEFORE INSERT OR UPDATE OF "searchText" ON "Case"
  FOR EACH ROW EXECUTE FUNCTION earshot_case_search_vector();
-- Cases written while no trigger kept the column (an upgrade between the migration that made it
-- a plain column and this file): computed once.
UPDATE "Case" SET "searchVector" = to_tsvector('simple', "searchText") WHERE "searchVector" IS NULL;
