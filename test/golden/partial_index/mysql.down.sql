DROP INDEX `users_named` ON `users`;
