CREATE TABLE "p__schemavc_new" (
  "id" BIGINT NOT NULL,
  CONSTRAINT "p_pkey" PRIMARY KEY ("id")
);

INSERT INTO "p__schemavc_new" ("id") SELECT "id" FROM "p";

DROP TABLE "p";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "p__schemavc_new" RENAME TO "p";

PRAGMA legacy_alter_table = OFF;

CREATE TABLE "c__schemavc_new" (
  "id" INTEGER NOT NULL,
  "p_id" BIGINT NOT NULL,
  CONSTRAINT "c_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "c_p_id_fkey" FOREIGN KEY ("p_id") REFERENCES "p" ("id")
);

INSERT INTO "c__schemavc_new" ("id", "p_id") SELECT "id", "p_id" FROM "c";

DROP TABLE "c";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "c__schemavc_new" RENAME TO "c";

PRAGMA legacy_alter_table = OFF;
