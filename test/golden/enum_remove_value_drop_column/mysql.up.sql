ALTER TABLE `posts` DROP COLUMN `old`;

ALTER TABLE `posts` MODIFY COLUMN `mood` ENUM('happy', 'sad') NOT NULL DEFAULT 'happy';
