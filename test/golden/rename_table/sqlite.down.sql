ALTER TABLE "events" RENAME TO "logs";

CREATE TABLE "logs__schemavc_new" (
  "id" BIGINT NOT NULL,
  "msg" TEXT NOT NULL,
  CONSTRAINT "logs_pkey" PRIMARY KEY ("id")
);

INSERT INTO "logs__schemavc_new" ("id", "msg") SELECT "id", "msg" FROM "logs";

DROP TABLE "logs";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "logs__schemavc_new" RENAME TO "logs";

PRAGMA legacy_alter_table = OFF;
