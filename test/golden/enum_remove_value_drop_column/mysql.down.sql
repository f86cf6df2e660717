ALTER TABLE `posts` MODIFY COLUMN `mood` ENUM('happy', 'sad', 'meh') NOT NULL DEFAULT 'happy';

ALTER TABLE `posts` ADD COLUMN `old` ENUM('happy', 'sad', 'meh') NULL;
