ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_fkey";

ALTER TABLE "users" DROP CONSTRAINT "users_pkey";

ALTER TABLE "users" ADD CONSTRAINT "users_pkey" PRIMARY KEY ("email");

DROP TABLE "posts";
