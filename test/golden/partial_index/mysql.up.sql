CREATE INDEX `users_named` ON `users` (`email`);
