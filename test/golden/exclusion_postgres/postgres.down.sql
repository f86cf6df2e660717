ALTER TABLE "bookings" DROP CONSTRAINT "one_room";

ALTER TABLE "bookings" DROP CONSTRAINT "bookings_during_excl";

DROP TABLE "shifts";

ALTER TABLE "bookings" ADD CONSTRAINT "bookings_during_excl" EXCLUDE USING gist ("during" WITH &&);
