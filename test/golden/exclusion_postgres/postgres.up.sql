ALTER TABLE "bookings" DROP CONSTRAINT "bookings_during_excl";

CREATE TABLE "shifts" (
  "id" bigint NOT NULL,
  "starts" timestamptz NOT NULL,
  "ends" timestamptz NOT NULL,
  CONSTRAINT "shifts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "shifts_tstzrange_starts_ends_excl" EXCLUDE USING gist ((tstzrange(starts, ends)) WITH &&)
);

ALTER TABLE "bookings" ADD CONSTRAINT "bookings_during_excl" EXCLUDE USING gist ("during" WITH &&) WHERE (room <> 'lobby');

COMMENT ON CONSTRAINT "bookings_during_excl" ON "bookings" IS 'A room is booked once at a time.';

ALTER TABLE "bookings" ADD CONSTRAINT "one_room" EXCLUDE USING btree ("room" WITH =) INCLUDE ("id") WITH (fillfactor = 80);
