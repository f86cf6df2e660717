CREATE SEQUENCE "countdown_seq" INCREMENT BY -1;

CREATE SEQUENCE "ticket_seq" AS integer INCREMENT BY 5 MINVALUE 100 MAXVALUE 100000 CACHE 20 CYCLE;

CREATE SEQUENCE "users_seq";

COMMENT ON SEQUENCE "users_seq" IS 'Roundcube''s: a sequence of its own, drawn from by a default.';

CREATE TABLE "users" (
  "user_id" integer NOT NULL DEFAULT (nextval('users_seq'::regclass)),
  "ticket" integer NOT NULL DEFAULT (nextval('ticket_seq'::regclass)),
  "left" bigint NOT NULL DEFAULT (nextval('countdown_seq'::regclass)),
  CONSTRAINT "users_pkey" PRIMARY KEY ("user_id")
);

ALTER SEQUENCE "ticket_seq" OWNED BY "users"."ticket";
