DROP INDEX `users_name` ON `users`;
