RENAME TABLE `posts` TO `articles`;

ALTER TABLE `articles` MODIFY COLUMN `mood` ENUM('happy', 'sad') NOT NULL;
