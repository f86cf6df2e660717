ALTER TABLE "payment" ALTER COLUMN "payment_id" TYPE integer USING "payment_id"::integer;

DO $$ BEGIN EXECUTE format('ALTER SEQUENCE %s AS integer', pg_get_serial_sequence('"payment"', 'payment_id')); END $$;
