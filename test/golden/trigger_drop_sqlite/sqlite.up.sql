DROP TRIGGER "users_audit";

DROP TRIGGER "users_keep";
