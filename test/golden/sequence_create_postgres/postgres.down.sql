ALTER SEQUENCE "ticket_seq" OWNED BY NONE;

DROP TABLE "users";

DROP SEQUENCE "countdown_seq";

DROP SEQUENCE "ticket_seq";

DROP SEQUENCE "users_seq";
