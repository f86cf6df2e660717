DROP TRIGGER "users_never_deleted";

CREATE TRIGGER "users_keep" BEFORE DELETE ON "users" BEGIN SELECT RAISE(ABORT, 'kept'); END;
