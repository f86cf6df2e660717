DROP VIEW "user_names";

ALTER TABLE "people" RENAME CONSTRAINT "people_pkey" TO "users_pkey";

ALTER TABLE "people" RENAME COLUMN "full_name" TO "name";

ALTER TABLE "people" RENAME TO "users";

CREATE VIEW "user_names" AS select id, name from users;
