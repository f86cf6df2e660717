DROP TRIGGER "users_keep";

CREATE TRIGGER "users_never_deleted" BEFORE DELETE ON "users" BEGIN SELECT RAISE(ABORT, 'kept'); END;
