DROP INDEX "sessions_user_id_idx";

ALTER TABLE "users" DROP CONSTRAINT "users_email_check";

COMMENT ON INDEX "users_email_id_idx" IS 'Lookups by address.';

COMMENT ON CONSTRAINT "users_email_key" ON "users" IS 'One account per address.';

COMMENT ON CONSTRAINT "users_pkey" ON "users" IS NULL;

DROP TABLE "sessions";
