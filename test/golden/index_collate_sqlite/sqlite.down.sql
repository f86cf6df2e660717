DROP INDEX "users_email_desc";

DROP INDEX "users_email_nocase";
