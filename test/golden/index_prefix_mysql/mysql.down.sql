DROP INDEX `by_bio` ON `users`;

DROP INDEX `users_bio_idx` ON `users`;

DROP INDEX `users_name_id_idx` ON `users`;

CREATE INDEX `users_name_idx` ON `users` (`name`(20));
