CREATE TABLE "posts" (
  "id" bigint NOT NULL,
  "user_id" bigint NOT NULL,
  "title" varchar(100) NOT NULL,
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id")
);
