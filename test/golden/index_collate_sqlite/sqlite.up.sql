CREATE UNIQUE INDEX "users_email_nocase" ON "users" ("email" COLLATE nocase);

CREATE INDEX "users_email_desc" ON "users" ("email" COLLATE NOCASE DESC);
