CREATE EXTENSION "btree_gist";

CREATE EXTENSION "citext";

CREATE TABLE "guests" (
  "id" bigint NOT NULL,
  "email" citext NOT NULL,
  CONSTRAINT "guests_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "guests_email_key" UNIQUE ("email")
);

ALTER TABLE "bookings" ADD COLUMN "during" tstzrange;

ALTER TABLE "bookings" ADD CONSTRAINT "bookings_room_during_excl" EXCLUDE USING gist ("room" WITH =, "during" WITH &&);
