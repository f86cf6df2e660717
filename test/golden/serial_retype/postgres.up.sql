ALTER TABLE "payment" ALTER COLUMN "payment_id" TYPE bigint USING "payment_id"::bigint;

DO $$ BEGIN EXECUTE format('ALTER SEQUENCE %s AS bigint', pg_get_serial_sequence('"payment"', 'payment_id')); END $$;
