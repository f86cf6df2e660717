CREATE TABLE "posts" (
  "id" bigint NOT NULL,
  "user_id" bigint NOT NULL,
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "users" DROP CONSTRAINT "users_pkey";

ALTER TABLE "users" ADD CONSTRAINT "users_pkey" PRIMARY KEY ("id");

ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id");
