CREATE TABLE "node__schemavc_new" (
  "id" INTEGER NOT NULL,
  "parent_id" INTEGER,
  CONSTRAINT "node_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "node_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "node" ("id") ON DELETE SET NULL
);

INSERT INTO "node__schemavc_new" ("id", "parent_id") SELECT "id", "parent_id" FROM "node";

DROP TABLE "node";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "node__schemavc_new" RENAME TO "node";

PRAGMA legacy_alter_table = OFF;
