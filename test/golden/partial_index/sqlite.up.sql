CREATE INDEX "users_named" ON "users" ("email") WHERE name is not null;
