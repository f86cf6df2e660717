ALTER TABLE "shop" RENAME CONSTRAINT "shop_pkey" TO "store_pkey";

ALTER TABLE "shop" RENAME COLUMN "shop_id" TO "store_id";

DO $$ DECLARE s regclass := pg_get_serial_sequence('"shop"', 'store_id')::regclass; BEGIN IF (SELECT relname FROM pg_class WHERE oid = s) <> 'shop_store_id_seq' THEN EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', s, 'shop_store_id_seq'); END IF; END $$;

ALTER TABLE "shop" RENAME TO "store";

DO $$ DECLARE s regclass := pg_get_serial_sequence('"store"', 'store_id')::regclass; BEGIN IF (SELECT relname FROM pg_class WHERE oid = s) <> 'store_store_id_seq' THEN EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', s, 'store_store_id_seq'); END IF; END $$;
