DROP TRIGGER "users_keep";

CREATE TABLE "users__schemavc_new" (
  "id" INTEGER NOT NULL,
  "name" VARCHAR(200) NOT NULL,
  "n" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

INSERT INTO "users__schemavc_new" ("id", "name", "n") SELECT "id", "name", "n" FROM "users";

DROP TABLE "users";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "users__schemavc_new" RENAME TO "users";

PRAGMA legacy_alter_table = OFF;

CREATE TRIGGER "users_audit" AFTER UPDATE OF name ON "users" FOR EACH ROW WHEN new.name <> old.name BEGIN
  INSERT INTO audit (what) VALUES ('renamed; ' || new.name);
END;

CREATE TRIGGER "users_keep" BEFORE DELETE ON "users" BEGIN SELECT RAISE(ABORT, 'kept for good'); END;
