CREATE SEQUENCE "store_store_id_seq" AS integer OWNED BY "store"."store_id";

ALTER TABLE "store" ALTER COLUMN "store_id" SET DEFAULT nextval('"store_store_id_seq"'::regclass);

SELECT setval(pg_get_serial_sequence('"store"', 'store_id'), coalesce(max("store_id"), 0) + 1, false) FROM "store";
