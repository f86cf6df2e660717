CREATE TABLE "sessions" (
  "id" bigint NOT NULL,
  "user_id" bigint NOT NULL,
  CONSTRAINT "sessions_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

COMMENT ON CONSTRAINT "sessions_pkey" ON "sessions" IS 'The session''s number.';

COMMENT ON CONSTRAINT "sessions_user_id_fkey" ON "sessions" IS 'The session''s owner.';

COMMENT ON CONSTRAINT "users_pkey" ON "users" IS 'The account''s number.';

COMMENT ON CONSTRAINT "users_email_key" ON "users" IS 'One account per address (case-sensitive).';

COMMENT ON INDEX "users_email_id_idx" IS NULL;

ALTER TABLE "users" ADD CONSTRAINT "users_email_check" CHECK (length(email) >= 0);

COMMENT ON CONSTRAINT "users_email_check" ON "users" IS 'A sanity check.';

CREATE INDEX "sessions_user_id_idx" ON "sessions" ("user_id");

COMMENT ON INDEX "sessions_user_id_idx" IS 'Sessions of a user.';
