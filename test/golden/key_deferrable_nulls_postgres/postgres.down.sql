ALTER TABLE "bookings" DROP CONSTRAINT "bookings_during_excl";

ALTER TABLE "rooms" DROP CONSTRAINT "rooms_code_wing_key";

ALTER TABLE "rooms" DROP CONSTRAINT "rooms_pkey";

COMMENT ON TABLE "rooms" IS NULL;

DROP TABLE "seats";

ALTER TABLE "rooms" ADD CONSTRAINT "rooms_pkey" PRIMARY KEY ("id");

ALTER TABLE "bookings" ADD CONSTRAINT "bookings_during_excl" EXCLUDE USING gist ("during" WITH &&);

ALTER TABLE "rooms" ADD CONSTRAINT "rooms_code_wing_key" UNIQUE ("code", "wing");
