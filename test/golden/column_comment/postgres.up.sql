COMMENT ON COLUMN "users"."name" IS 'How the person wants to be called.';
