ALTER TABLE `users` MODIFY COLUMN `mood` ENUM('happy', 'sad', 'so-so') NOT NULL DEFAULT 'happy';
