CREATE TABLE "users" (
  "id" bigint NOT NULL,
  "email" varchar(100) NOT NULL,
  "name" text,
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_email_key" UNIQUE ("email")
);

CREATE TABLE "posts" (
  "id" bigint NOT NULL,
  "user_id" bigint NOT NULL,
  "title" varchar(100) NOT NULL,
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id")
);
