COMMENT ON COLUMN "users"."name" IS NULL;
