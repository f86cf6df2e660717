ALTER TABLE `users` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`) COMMENT 'The user''s number.';

ALTER TABLE `users` DROP INDEX `users_email_key`, ADD CONSTRAINT `users_email_key` UNIQUE (`email`) COMMENT 'One account per e-mail address.';

ALTER TABLE `users` DROP INDEX `users_name_idx`, ADD INDEX `users_name_idx` (`name`) COMMENT 'Sorted by name.';

ALTER TABLE `users` DROP INDEX `users_bio_idx`, ADD FULLTEXT INDEX `users_bio_idx` (`bio`);
