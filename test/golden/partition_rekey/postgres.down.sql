ALTER TABLE "refund" DROP CONSTRAINT "refund_payment_id_paid_at_fkey";

DROP TABLE "payment_2022";

DROP TABLE "payment";

CREATE TABLE "payment" (
  "id" bigint NOT NULL,
  "paid_at" date NOT NULL,
  CONSTRAINT "payment_id_paid_at_key" UNIQUE ("id", "paid_at")
) PARTITION BY range (paid_at);

COMMENT ON TABLE "payment" IS 'A new partition key: PostgreSQL has no ALTER for it, so the table and its partitions are
dropped (data loss) and created again, partitions dropped first; a foreign key to the table
is dropped before and added back after, on postgres.';

CREATE TABLE "payment_2022" PARTITION OF "payment" FOR VALUES from ('2022-01-01') to ('2023-01-01');

ALTER TABLE "refund" ADD CONSTRAINT "refund_payment_id_paid_at_fkey" FOREIGN KEY ("payment_id", "paid_at") REFERENCES "payment" ("id", "paid_at");
