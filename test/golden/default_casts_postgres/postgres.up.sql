ALTER TABLE "account" ADD COLUMN "expires_at" timestamptz NOT NULL DEFAULT ('0001-01-01 00:00:00'::timestamp without time zone);

ALTER TABLE "account" ADD COLUMN "tags" text[] NOT NULL DEFAULT '{}';

ALTER TABLE "account" ADD COLUMN "reference" text NOT NULL DEFAULT (''::character varying);

ALTER TABLE "account" ADD COLUMN "seen_at" timestamp NOT NULL DEFAULT (CURRENT_TIMESTAMP);

ALTER TABLE "account" ADD COLUMN "balance" bigint NOT NULL DEFAULT -1;
