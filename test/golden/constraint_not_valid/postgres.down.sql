ALTER TABLE "orders" DROP CONSTRAINT "orders_user_id_fkey";

ALTER TABLE "orders" ADD CONSTRAINT "orders_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") NOT VALID;

ALTER TABLE "orders" DROP CONSTRAINT "small";

ALTER TABLE "orders" VALIDATE CONSTRAINT "positive";

DROP TABLE "refunds";
