ALTER TABLE "payments" DROP CONSTRAINT "payments_account_id_fkey";

ALTER TABLE "accounts" DROP CONSTRAINT "accounts_code_key";

ALTER TABLE "accounts" DROP CONSTRAINT "accounts_pkey";

DROP TABLE "ledgers";

ALTER TABLE "accounts" ADD CONSTRAINT "accounts_pkey" PRIMARY KEY ("id");

ALTER TABLE "accounts" ADD CONSTRAINT "accounts_code_key" UNIQUE ("code");

ALTER TABLE "payments" ADD CONSTRAINT "payments_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id");
