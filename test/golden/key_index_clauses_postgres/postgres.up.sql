ALTER TABLE "payments" DROP CONSTRAINT "payments_account_id_fkey";

ALTER TABLE "accounts" DROP CONSTRAINT "accounts_code_key";

ALTER TABLE "accounts" DROP CONSTRAINT "accounts_pkey";

CREATE TABLE "ledgers" (
  "id" bigint NOT NULL,
  "name" text NOT NULL,
  CONSTRAINT "ledgers_pkey" PRIMARY KEY ("id") WITH (fillfactor = 90),
  CONSTRAINT "ledgers_name_key" UNIQUE ("name") INCLUDE ("id") WITH (fillfactor = 80, deduplicate_items = off)
);

ALTER TABLE "accounts" ADD CONSTRAINT "accounts_pkey" PRIMARY KEY ("id") INCLUDE ("owner") WITH (fillfactor = 70);

ALTER TABLE "accounts" ADD CONSTRAINT "accounts_code_key" UNIQUE ("code") INCLUDE ("owner");

ALTER TABLE "payments" ADD CONSTRAINT "payments_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id");
