ALTER TABLE "child" ADD COLUMN "note" text;

ALTER TABLE "base" ADD COLUMN "note" text;

COMMENT ON TABLE "child" IS 'Declares the parent''s column again: PostgreSQL merges the two.';
