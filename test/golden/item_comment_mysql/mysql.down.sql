ALTER TABLE `users` DROP INDEX `users_bio_idx`, ADD FULLTEXT INDEX `users_bio_idx` (`bio`) COMMENT 'Search by words.';

ALTER TABLE `users` DROP INDEX `users_name_idx`, ADD INDEX `users_name_idx` (`name`);

ALTER TABLE `users` DROP INDEX `users_email_key`, ADD CONSTRAINT `users_email_key` UNIQUE (`email`) COMMENT 'One account per address.';

ALTER TABLE `users` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`);
