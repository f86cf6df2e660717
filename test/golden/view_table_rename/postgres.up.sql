DROP VIEW "user_names";

ALTER TABLE "users" RENAME TO "people";

ALTER TABLE "people" RENAME COLUMN "name" TO "full_name";

ALTER TABLE "people" RENAME CONSTRAINT "users_pkey" TO "people_pkey";

CREATE VIEW "user_names" AS select id, full_name from people;
