-- Trigram and phonetic matching for the agent search box (ACC-6). Both are trusted
-- extensions on PostgreSQL 13+, so the database owner can create them; PGlite loads the
-- same two (src/db/connect.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- A shared trigger function for append-only tables: history is never edited or erased.
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'raise_exception', HINT = 'post a correcting row instead';
END $$;
