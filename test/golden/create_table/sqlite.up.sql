CREATE TABLE "users" (
  "id" BIGINT NOT NULL,
  "email" VARCHAR(100) NOT NULL,
  "name" TEXT,
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_email_key" UNIQUE ("email")
);
