CREATE TRIGGER "users_audit" AFTER UPDATE OF name ON "users" FOR EACH ROW WHEN new.name <> old.name BEGIN
  INSERT INTO audit (what) VALUES ('renamed; ' || new.name);
END;

CREATE TRIGGER "users_keep" BEFORE DELETE ON "users" BEGIN SELECT RAISE(ABORT, 'kept'); END;
