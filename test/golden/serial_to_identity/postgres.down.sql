ALTER TABLE "actor" ALTER COLUMN "actor_id" DROP IDENTITY IF EXISTS;

CREATE SEQUENCE "actor_actor_id_seq" AS integer OWNED BY "actor"."actor_id";

ALTER TABLE "actor" ALTER COLUMN "actor_id" SET DEFAULT nextval('"actor_actor_id_seq"'::regclass);

SELECT setval(pg_get_serial_sequence('"actor"', 'actor_id'), coalesce(max("actor_id"), 0) + 1, false) FROM "actor";
