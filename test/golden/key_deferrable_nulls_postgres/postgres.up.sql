ALTER TABLE "rooms" DROP CONSTRAINT "rooms_code_wing_key";

ALTER TABLE "bookings" DROP CONSTRAINT "bookings_during_excl";

ALTER TABLE "rooms" DROP CONSTRAINT "rooms_pkey";

CREATE TABLE "seats" (
  "id" bigint NOT NULL,
  "row" integer,
  "num" integer,
  CONSTRAINT "seats_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "seats_place" UNIQUE NULLS NOT DISTINCT ("row", "num") INCLUDE ("id")
);

COMMENT ON TABLE "rooms" IS 'Rows swap their keys in one transaction: checked at commit.';

ALTER TABLE "rooms" ADD CONSTRAINT "rooms_pkey" PRIMARY KEY ("id") DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE "rooms" ADD CONSTRAINT "rooms_code_wing_key" UNIQUE NULLS NOT DISTINCT ("code", "wing") DEFERRABLE;

COMMENT ON CONSTRAINT "rooms_code_wing_key" ON "rooms" IS 'Two rooms without a wing still cannot share a code.';

ALTER TABLE "bookings" ADD CONSTRAINT "bookings_during_excl" EXCLUDE USING gist ("during" WITH &&) WHERE (room <> 'lobby') DEFERRABLE INITIALLY DEFERRED;
