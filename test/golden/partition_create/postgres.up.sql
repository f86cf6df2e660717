CREATE TABLE "payment" (
  "id" serial NOT NULL,
  "customer_id" integer NOT NULL,
  "paid_at" timestamptz NOT NULL,
  "amount" numeric(5, 2) NOT NULL,
  CONSTRAINT "payment_pkey" PRIMARY KEY ("paid_at", "id"),
  CONSTRAINT "payment_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id")
) PARTITION BY range (paid_at);

CREATE TABLE "payment_2022" PARTITION OF "payment" FOR VALUES from ('2022-01-01 00:00:00+00') to ('2023-01-01 00:00:00+00');

CREATE TABLE "payment_2023" PARTITION OF "payment" FOR VALUES from ('2023-01-01 00:00:00+00') to ('2024-01-01 00:00:00+00');

CREATE TABLE "payment_other" PARTITION OF "payment" DEFAULT;

CREATE TABLE "event" (
  "id" bigint NOT NULL,
  "kind" text NOT NULL
) PARTITION BY list (kind);

CREATE TABLE "event_a" PARTITION OF "event" (
  CONSTRAINT "event_a_check" CHECK (id > 0)
) FOR VALUES in ('a', 'b');

CREATE INDEX "payment_customer_id_idx" ON "payment" ("customer_id");

CREATE INDEX "payment_2022_amount_idx" ON "payment_2022" ("amount");
