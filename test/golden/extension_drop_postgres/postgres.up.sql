ALTER TABLE "bookings" DROP CONSTRAINT "bookings_room_during_excl";

ALTER TABLE "bookings" DROP COLUMN "during";

DROP TABLE "guests";

DROP EXTENSION "btree_gist";

DROP EXTENSION "citext";
