ALTER TABLE "store" ALTER COLUMN "store_id" DROP DEFAULT;

DO $$ BEGIN EXECUTE format('DROP SEQUENCE %s', pg_get_serial_sequence('"store"', 'store_id')); END $$;
