DROP INDEX `users_name_idx` ON `users`;

CREATE INDEX `users_name_id_idx` ON `users` (`name`(40), `id` DESC);

CREATE UNIQUE INDEX `users_bio_idx` ON `users` (`bio`(100));

CREATE INDEX `by_bio` ON `users` (`bio`(255));
