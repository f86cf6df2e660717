CREATE TABLE "users" (
  "id" bigint NOT NULL,
  "email" varchar(100) NOT NULL,
  "name" text,
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_email_key" UNIQUE ("email")
);
