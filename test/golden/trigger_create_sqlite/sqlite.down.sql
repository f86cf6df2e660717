DROP TRIGGER "users_keep";

DROP TRIGGER "users_audit";
