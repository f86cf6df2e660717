ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`;

ALTER TABLE `posts` DROP INDEX `posts_user_id_fkey`;

ALTER TABLE `users` DROP PRIMARY KEY;

ALTER TABLE `users` ADD PRIMARY KEY (`email`);

DROP TABLE `posts`;
