ALTER TABLE "logs" RENAME TO "events";

CREATE TABLE "events__schemavc_new" (
  "id" BIGINT NOT NULL,
  "msg" TEXT NOT NULL,
  CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

INSERT INTO "events__schemavc_new" ("id", "msg") SELECT "id", "msg" FROM "events";

DROP TABLE "events";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "events__schemavc_new" RENAME TO "events";

PRAGMA legacy_alter_table = OFF;
