CREATE TABLE "payment_2007" (
  CONSTRAINT "payment_2007_paid_at_check" CHECK (paid_at >= '2007-01-01 00:00:00'::timestamp without time zone)
) INHERITS ("payment");

CREATE TABLE "payment_refund" (
  "reason" text,
  CONSTRAINT "payment_refund_pkey" PRIMARY KEY ("id")
) INHERITS ("payment");

CREATE INDEX "payment_2007_paid_at_idx" ON "payment_2007" ("paid_at");
