ALTER TABLE `users` ADD COLUMN `mood` ENUM('happy', 'sad') NOT NULL DEFAULT 'happy';
