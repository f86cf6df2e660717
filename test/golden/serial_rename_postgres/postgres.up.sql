ALTER TABLE "store" RENAME TO "shop";

DO $$ DECLARE s regclass := pg_get_serial_sequence('"shop"', 'store_id')::regclass; BEGIN IF (SELECT relname FROM pg_class WHERE oid = s) <> 'shop_store_id_seq' THEN EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', s, 'shop_store_id_seq'); END IF; END $$;

ALTER TABLE "shop" RENAME COLUMN "store_id" TO "shop_id";

DO $$ DECLARE s regclass := pg_get_serial_sequence('"shop"', 'shop_id')::regclass; BEGIN IF (SELECT relname FROM pg_class WHERE oid = s) <> 'shop_shop_id_seq' THEN EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', s, 'shop_shop_id_seq'); END IF; END $$;

ALTER TABLE "shop" RENAME CONSTRAINT "store_pkey" TO "shop_pkey";
